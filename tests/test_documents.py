"""The return's documents: every listed one is written as PDF and HTML, and each PDF's text
carries the fields its reader needs (checked by extracting the text with pypdf)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from customs.documents import GENERATED, render
from customs.documents.i18n import Labels
from rules.case import parse_case
from rules.cli import main
from rules.documents import labels_for, papers_for, write_documents

CASES = Path(__file__).parent / "documents"


def _case(name: str):
    return parse_case(json.loads((CASES / f"{name}.case.json").read_text(encoding="utf-8")))


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    # pypdf may break a line anywhere; compare without line breaks
    return " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")


@pytest.fixture(scope="module")
def written(tmp_path_factory, assessor):
    """Every sample case's documents, written once for the module."""
    out = tmp_path_factory.mktemp("documents")
    results = {}
    for path in sorted(CASES.glob("*.case.json")):
        name = path.name.removesuffix(".case.json")
        case = _case(name)
        decision = assessor.assess(case)
        docs, missing = write_documents(case, decision, out / name, assessor)
        results[name] = ({d.doc_id: _text(d.pdf.read_bytes()) for d in docs}, missing, decision)
    return results


def test_every_generated_document_is_written_for_some_sample(written):
    made = {doc_id for texts, _missing, _d in written.values() for doc_id in texts}
    assert made == set(GENERATED)


def test_every_listed_document_is_written_or_named(written):
    for name, (texts, missing, decision) in written.items():
        listed = {d.value for d in decision.paperwork}
        assert listed == set(texts) | set(missing), name
        for doc_id, what in missing.items():
            assert doc_id not in GENERATED and what, (name, doc_id)


COMMERCIAL_INVOICE_FIELDS = [
    "Commercial invoice",
    "Returned goods / return to origin",
    "RET-DOC-CN-DE",  # its own number
    "DE-2201",  # the original invoice / order
    "JD014600003316000000",  # the original tracking number
    "310120260000123456",  # the original export declaration
    "26DE123456789012A1",  # the original import entry
    "Erika Mustermann",
    "Ningbo Example Audio Ltd.",
    "EORI: CN913302000000000",
    "USCC: 91330200MA2XXXXXXX",
    "Bluetooth headphones",
    "8518.30.00",  # the HS code as declared
    "CN",  # origin
    "1 pcs",
    "€315.00",
    "0.4",  # net weight
    "DAP",  # incoterm
    "EUR",
    "HP3-2026-00917",  # serial number of returned electronics
    "UN3481",
    "I declare that the information on this invoice is true and correct.",
    "Signature",
]


def test_commercial_invoice_has_every_field_in_english_and_chinese(written):
    text = written["cn-seller-de-buyer"][0]["commercial_invoice"]
    for field in [*COMMERCIAL_INVOICE_FIELDS, "商业发票", "退运货物", "发票号码", "原产地", "声明", "签名", "蓝牙耳机"]:
        assert field in text, field


def test_packing_list_has_packages_weights_and_dangerous_goods(written):
    text = written["cn-seller-de-buyer"][0]["packing_list"]
    for field in ["Packing list", "装箱单", "RET-DOC-CN-DE", "HP-3", "8518.30.00", "0.4", "UN3481",
                  "Gross weight (kg), with packaging", "SP A154", "Signature"]:  # fmt: skip
        assert field in text, field


def test_reason_statement_says_why_and_when(written):
    text = written["cn-seller-de-buyer"][0]["reason_statement"]
    for field in ["Statement of reasons for return", "退货原因说明", "Defective", "2026-11-08", "2026-11-10",
                  "DE-2201", "not been used beyond what was needed to establish the defect"]:  # fmt: skip
        assert field in text, field


def test_cbp_7553_has_the_notice_day_and_the_drawback_data(written):
    text = written["us-drawback"][0]["cbp_7553"]
    for field in ["CBP Form 7553", "2026-06-26", "2026-07-06", "ABC-1234567-8", "2026-05-01", "1313(c)",
                  "Example Retail LLC", "8507600020", "$18.00", "$108.00", "$106.92"]:  # fmt: skip
        assert field in text, field


def test_cbp_3311_declares_us_goods_returned_unimproved(written):
    text = written["us-returned-american"][0]["cbp_3311"]
    for field in ["CBP Form 3311", "9801.00.10", "Example Outdoor Inc.", "12-3456789", "Mar 27, 2026",
                  "X20260327000001", "Two-person tent", "6306.22", "$250.00",
                  "without having been advanced in value or improved in condition", "No drawback"]:  # fmt: skip
        assert field in text, field


def test_inf3_request_names_the_export_and_the_goods(written):
    text = written["eu-returned-goods"][0]["inf3"]
    for field in ["INF3", "Art 253", "Beispiel Uhren GmbH", "DE123456789012345", "26DE987654321098E1",
                  "Mar 5, 2026", "Quartz wrist watch", "91021100", "€890.00", "Mar 5, 2029"]:  # fmt: skip
        assert field in text, field


def test_ce1179_claims_duty_and_vat_with_its_deadline(written):
    text = written["uk-rejected"][0]["ce1179"]
    for field in ["C&E1179", "Example Gadgets Ltd", "GB123456789000", "26GBABCDEFGHIJKLM1", "2026-05-08",
                  "£4.80", "£48.96", "£53.76", "2027-05-08", "8518300090", "拒收"]:  # fmt: skip
        assert field in text, field


def test_withdrawal_form_is_the_statutory_text_in_the_buyers_language(written):
    text = written["de-withdrawal"][0]["eu_withdrawal_form"]
    for field in ["Muster-Widerrufsformular", "Hiermit widerrufe(n) ich/wir (*)", "Bestellt am (*)/erhalten am (*)",
                  "Ningbo Example Audio Ltd.", "returns@example.cn", "Erika Mustermann", "08.09.2026",
                  "Unzutreffendes streichen."]:  # fmt: skip
        assert field in text, field


def test_withdrawal_form_language_follows_the_buyers_country_file(assessor):
    case = _case("de-withdrawal")
    case.buyer.language = None
    assert labels_for(case, "eu_withdrawal_form", assessor).language == "de"  # DE.yaml: languages [de]


def test_withdrawal_form_in_english_follows_annex_i_b(assessor):
    case = _case("de-withdrawal")
    case.buyer.language = "en"
    papers = papers_for(case, assessor.assess(case), assessor)
    text = _text(render("eu_withdrawal_form", papers, labels_for(case, "eu_withdrawal_form")).pdf())
    assert "I/We (*) hereby give notice that I/We (*) withdraw from my/our (*) contract of sale" in text
    assert "Signature of consumer(s) (only if this form is notified on paper)" in text


def test_an_invalid_hs_code_is_printed_as_declared_and_marked(assessor):
    case = _case("uk-rejected")
    case.items[0].hs_code = "8518.3"
    papers = papers_for(case, assessor.assess(case), assessor)
    html = render("commercial_invoice", papers, Labels()).html
    assert '8518.3 <span class="problem">(not a valid HS code)</span>' in html


def test_html_and_pdf_come_from_the_same_template(assessor):
    case = _case("uk-rejected")
    rendered = render("commercial_invoice", papers_for(case, assessor.assess(case), assessor), labels_for(case, "x"))
    assert rendered.html.startswith("<!DOCTYPE html>") and "商业发票" in rendered.html
    assert "商业发票" in _text(rendered.pdf())


def test_cli_writes_the_documents_and_names_the_records(tmp_path):
    result = CliRunner().invoke(main, ["documents", str(CASES / "us-drawback.case.json"), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "cbp_7553.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "cbp_7553.html").exists()
    assert "not generated: proof_of_export: a carrier or customs record" in result.output

"""Goods that need care on the way back: dangerous goods by air, cosmetics, food.

Flags come from the HS code (first six digits), else the line's category, and the reason for
the return (a defective lithium battery must not fly: IATA/ICAO Special Provision A154).
"""

from __future__ import annotations

from dataclasses import dataclass

# Lithium ion cells and batteries alone (UN3480; forbidden as cargo on passenger aircraft since
# 2016-04-01) and lithium metal alone (UN3090).
_LI_ION_ALONE = ("850760",)
_LI_METAL_ALONE = ("850650",)
# Equipment that usually carries a lithium ion battery (UN3481, contained in equipment):
# phones, laptops, headphones, cameras, drones, e-bikes, smart watches, shavers, toothbrushes.
_LI_ION_IN_EQUIPMENT = (
    "851713", "851714", "851762", "847130", "851830", "852589", "852582", "880621",
    "871160", "851010", "851020", "850980", "950450", "851822",
)  # fmt: skip
# Electrically operated watches, which may carry a lithium metal coin cell (UN3091; many use
# silver-oxide cells instead, so the flag asks for a check rather than asserting it).
_LI_METAL_IN_EQUIPMENT = ("910211", "910212", "910219", "910191")
_PERFUME = ("3303",)  # alcohol-based: UN1266 flammable liquid
_COSMETICS = ("3303", "3304", "3305", "3307")
_AEROSOL_PRONE = ("3307",)


@dataclass(frozen=True)
class Goods:
    hs_code: str | None  # digits, when the line's code is valid
    category: str | None
    defective: bool


def flags_for(goods: Goods) -> list[str]:
    code = goods.hs_code or ""
    out: list[str] = []
    battery = False
    if code.startswith(_LI_ION_ALONE) or (not code and goods.category == "batteries"):
        out.append("un3480")
        battery = True
    elif code.startswith(_LI_METAL_ALONE):
        out.append("un3090")
        battery = True
    elif code.startswith(_LI_ION_IN_EQUIPMENT):
        out.append("un3481")
        battery = True
    elif code.startswith(_LI_METAL_IN_EQUIPMENT):
        out.append("un3091")
        battery = True
    if battery and goods.defective:
        # SP A154: damaged or defective batteries that may overheat are forbidden by air
        out.append("defective_battery_no_air")
    if code.startswith(_COSMETICS) or (not code and goods.category == "cosmetics"):
        out.append("cosmetics")
        if code.startswith(_PERFUME):
            out.append("flammable_un1266")
        if code.startswith(_AEROSOL_PRONE):
            out.append("check_aerosol_un1950")
    chapter = code[:2]
    if (chapter.isdigit() and 1 <= int(chapter) <= 24) or (not code and goods.category in ("food", "perishable")):
        out.append("food")
    if goods.category == "perishable":
        out.append("perishable")
    return out


def all_flags(lines: list[Goods]) -> list[str]:
    return list(dict.fromkeys(flag for goods in lines for flag in flags_for(goods)))

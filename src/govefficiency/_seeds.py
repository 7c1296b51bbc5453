"""The seed policy documents, each named once, for every module's citations.

Seeds 000 and 003 carry no title line in the copies under ``shared/seeds``: their titles
are reconstructed from their opening sentences (and, for 003, its document number). The
document number carries the year, so citations of these leave ``year`` empty. Seed 001
gives neither issuer nor number and is cited by its title only.
"""

from __future__ import annotations

from govefficiency.text import Text

__all__ = ["EZHOU", "NANYANG", "SEED_001", "YANSHOU", "ZHUZHOU"]

#: Seed 000: Zhuzhou city government, the "four mechanisms" decision.
ZHUZHOU = Text(
    "株洲市人民政府关于推行四项机制的决定",
    "Zhuzhou Municipal Government, Decision on Introducing the Four Mechanisms",
)
#: Seed 001: an opinion on the efficiency of party and government organs.
SEED_001 = Text("党政机关效能建设意见", "Opinions on the Efficiency of Party and Government Organs")
#: Seed 002: Yanshou county government, 延政发〔2018〕10号.
YANSHOU = Text(
    "延寿县人民政府关于进一步提升政府执行力的意见（延政发〔2018〕10号）",
    "Yanshou County Government, Opinions on Further Raising Government Execution (Yan Zheng Fa [2018] No. 10)",
)
#: Seed 003: Nanyang city government, 宛政〔2014〕44号.
NANYANG = Text(
    "南阳市人民政府关于加强政府效能建设的意见（宛政〔2014〕44号）",
    "Nanyang Municipal Government, Opinions on Strengthening Government Efficiency (Wan Zheng [2014] No. 44)",
)
#: Seed 004: Ezhou city government office, 鄂州政办发〔2010〕113号.
EZHOU = Text(
    "鄂州市深化执行力和能力建设推进以责任为核心的法治政府建设活动的实施方案（鄂州政办发〔2010〕113号）",
    "Ezhou Municipal Government, Implementation Plan for Deepening Execution and Capacity Building and "
    "Advancing Responsibility-Centred Law-Based Government (Ezhou Zheng Ban Fa [2010] No. 113)",
)

"""What people ask about that timm's data does not hold: each phrase with the reason an answer gives for not
applying it ("I could not apply 'downloads last month': timm-kb has no download counts"). A question that asks
for one gets a partial answer, said first (kb.answering.text)."""

from __future__ import annotations

from typing import NamedTuple


class Missing(NamedTuple):
    pattern: str  # a regex (case-insensitive) for the phrase
    en: str
    ko: str


MISSING: tuple[Missing, ...] = (
    Missing(r"(?:(?:monthly|weekly|total)\s+)?downloads?(?:\s+(?:last|this|per)\s+(?:month|week|year))?|download\s+counts?"
            r"|(?:most\s+)?popular(?:ity)?|(?:github\s+|hf\s+)?(?:stars|likes)|(?:월간\s*|지난\s*달\s*)?다운로드(?:\s*수)?|인기(?:\s*(?:순|있는|많은))?"
            r"|trending(?:\s+on\s+(?:hf|hugging\s*face|the\s+hub))?(?:\s+(?:this|last)\s+(?:week|month))?|(?:most\s+)?cited|citations?|citation\s+counts?"
            r"|인용\s*(?:수|횟수|많은)?",
            "timm-kb has no download counts, citations or popularity figures", "timm-kb에는 다운로드 수, 인용 수, 인기 정보가 없습니다"),
    Missing(r"released?\s+(?:after|before|since|in)\s+(?:19|20)\d\d|release\s+(?:date|year)|(?:19|20)\d\d\s*년\s*(?:이후|이전|에|부터)\s*(?:나온|출시|발표|공개)\w*"
            r"|(?:출시|발표|공개)\s*(?:일|날짜|연도|시기)|(?:after|since|before)\s+(?:19|20)\d\d|(?:19|20)\d\d\s*(?:년\s*)?(?:이후|이전)",
            "timm's registry has no release dates", "timm 레지스트리에는 공개 날짜가 없습니다"),
    Missing(r"(?:under|below|less than|within)?\s*\d+(?:\.\d+)?\s*(?:ms|milliseconds?|밀리초)(?:\s+(?:latency|on\s+\w+(?:\s+\d+)?))?"
            r"|latency(?:\s+on\s+(?:a\s+|my\s+)?\w+(?:\s+\d+)?)?|지연\s*시간|레이턴시"
            r"|on\s+(?:a\s+|my\s+)?(?:pixel|iphone|galaxy|android|phone|smartphone|jetson|raspberry\s*pi|snapdragon)(?:\s+\w*\d+\w*)?"
            r"|(?:픽셀|아이폰|갤럭시|안드로이드|스마트폰|젯슨|라즈베리\s*파이|스냅드래곤)\s*\d*\s*(?:에서|에서의)?",
            "timm's benchmarks measure images/s on an RTX 4090 and an i7 CPU, not latency on other devices",
            "timm 벤치마크는 RTX 4090과 i7 CPU의 초당 이미지 수만 잽니다 (다른 기기의 지연 시간은 없음)"),
    Missing(r"energy(?:\s+(?:use|consumption|per\s+image))?|power\s+(?:draw|consumption|use)|watts?|joules?"
            r"|(?:전력|에너지)\s*(?:소비|소모|사용)?(?:량)?|배터리\s*(?:소모|사용)?",
            "timm-kb has no energy or power figures", "timm-kb에는 전력·에너지 정보가 없습니다"),
    Missing(r"(?:gpu\s+)?(?:vram|memory\s+(?:use|usage|footprint|needed))|(?:gpu\s*)?메모리\s*(?:사용량|요구량|점유)",
            "timm-kb has no memory figures (activations, macts, are the nearest)",
            "timm-kb에는 메모리 사용량이 없습니다 (가장 가까운 것은 활성화 수 macts)"),
    Missing(r"training\s+time|train(?:ed|s)?\s+in\s+(?:under\s+)?\d+\s*(?:hours?|minutes?|days?)|(?:학습|훈련)\s*(?:시간|기간)",
            "timm-kb has no training times", "timm-kb에는 학습 시간 정보가 없습니다"),
)

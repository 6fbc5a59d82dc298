"""The cues of advice: what to do, and where the money should go.

`RECOMMEND` asks for advice; `STRATEGY` and `PLAN` say whether it is about the mix among
platforms, accounts or campaigns (the large tier) or about one platform (`across_platforms`).
"""

from __future__ import annotations

from services.router.cues import FEELING, cue
from services.router.platform_phrases import PLATFORM_PHRASES, UNSUPPORTED_PHRASES

MONEY = (
    r"(?:(?:some|more|less|half|part|all|a bit|a chunk|a little)(?: of)? )?"
    r"(?:(?:the|our|that|this|their|its|my) )?(?:\d[\d.]*[a-z]*(?: (?:percent|pct|dollars|bucks"
    r"|grand))?|budget|spend|spending|money|dollars|funds?|cash|it|them|that|some|more|less|half)"
)
"""What a money move moves ("pull $2k from TikTok", "take some budget out of Google"): money,
not figures ("pull bookings from June 1 through yesterday" asks for numbers)."""
_PLATFORM = "(?:" + "|".join(sorted({*PLATFORM_PHRASES, *UNSUPPORTED_PHRASES}, key=len)[::-1]) + ")"
RECOMMEND = cue(
    rf"{_PLATFORM} {_PLATFORM} (?:{_PLATFORM} )*or {_PLATFORM}"  # "Meta, Google, TikTok or Snap?"
    rf"|{_PLATFORM} {_PLATFORM} (?:{_PLATFORM} )*split(?! out| by| per| it)"  # "Meta/Google split?"
    rf"|{_PLATFORM} or {_PLATFORM} (?:for|at|this|next|in|on)"  # "meta or google for xmas?"
    # "google or fb better for passes?": a pick, not how each did
    rf"|{_PLATFORM} or {_PLATFORM} (?:is |s )?(?:the )?better(?! than)"
    # "xmas push - fb or tt?": where a push goes
    rf"|(?:push|budget|money|cash|pot)(?: -)? {_PLATFORM} or {_PLATFORM}(?= $)"
    # "TikTok vs Meta for first orders. Which one. One line.": a terse ask to pick
    r"|which one(?: then| pls| please)?(?: one line| in one line| one word)?(?= $)"
    r"|(?:q[1-4]|h[12]|budget|media|spend) plan(?! vs| versus| against)"
    r"|(?<!than we )(?<!than i )(?<!than you )should(?! be (?:most |very |so |extremely )?grateful"
    r"| like\b"
    rf"| (?:i|we) be {FEELING}\b)|shall we|recommend"
    r"|recommendation"
    r"|recommendations|suggest|suggestion|suggestions|advice|advise|what can (?:we|i) do"
    r"|how (?:can|do|could|should|would) (?:we|i)"
    r"|what (?:do|can|could|shall) (?:we|i) do (?:with|about) (?:them|it|this|that|these|those)"
    r"|optimi[sz]e|optimi[sz]ation|reallocate|allocate|allocation|rebalance|rebalancing"
    r"|prioriti[sz]e"
    r"|(?:shift|shifted|shifting|move|moved|moving) (?:\w+ ){0,4}?(?:budget|spend|money)"
    r"|what happens (?:if|to|when)|(?:right|best|ideal|optimal) (?:split|mix|allocation)"
    r"|if (?:we|i|they) (?:doubled|halved|tripled|double|halve|paused|pause|stopped|stop"
    r"|turned off|turn off|cut|increased|decreased|raised|lowered|moved)"
    r"|(?:best|right|ideal|optimal) (?:daily |weekly |monthly )?budget"
    r"|where to (?:put|spend|invest)|(?<! our )(?<! current )(?<! this )(?<! that )scale|scaling"
    r"|pause|pausing"
    r"|(?<!same )(?<!this )cut(?! by)|increase (?:the )?(?:budget|bids?|spend)|worth|ideas|tips"
    r"|(?:raise|lower|reduce|decrease|boost) (?:the |our |my )?(?:budgets?|bids?|caps?|targets?)"
    r"|best practices"
    r"|action items|next steps|strategy|plan for|improve|improvement|improvements|better use"
    r"|what would you do|if you were us|if i were you|in our shoes|what would happen|what if"
    # "how to split the ad money between the venues": how to divide what is spent ("split
    # spend across platforms" asks for the spend split)
    r"|how (?:best )?to split"
    # "whats better for us google or facebook": a pick for the business, not how each did
    r"|(?:what|whats|which)(?: one| channel| platform)?(?: is| s)? (?:really |actually )?(?:better"
    r"|best) for (?:us|me)(?! (?:on|by|in|at) )"
    # "Where's our money best spent, Google or LinkedIn?": where it would do most
    r"|(?:money|budget|cash|spend) (?:is |s |would be |be )?best (?:spent|placed|invested|used)"
    r"|(?:does it|would it|would (?:\w+ ){1,2}ads|do (?:\w+ ){1,2}ads) make sense"
    r"|(?:take|pull|move|shift) (?:\w+ )?money"
    r"|(?:best|better|right) (?:place |one |platform |channel )?(?:to|for) (?:put|spend|invest"
    r"|allocate|grow|scale)|deserves? (?:more |less )?(?:budget|money|spend|investment)"
    r"|where should (?:it|the money|this|that|the budget) go"
    r"|(?:\d+(?:\.\d+)?k|budget|money|cash) (?:extra|left over|leftover|spare|to play with)"
    r"|extra \d+(?:\.\d+)?k|(?:left|spare|leftover) in (?:the )?(?:\w+ )?(?:pot|kitty)"
    # "Next £10k - Meta or Google?": where the next sum goes
    r"|next \d+(?:\.\d+)?k(?! (?:spent|spend|of spend))"
    r"|(?:where|which) (?:\w+ ){0,2}(?:get|gets|should get) (?:it|them|that|more (?:budget|money"
    r"|spend))|where (?:would|should|do) (?:you|ya|u|we) (?:stick|put|park) (?:it|them|that)"
    r"|where (?:would|should|could|do) (?:you|we|i|u) (?:\w+ ){1,2}?(?:it|them|that|this"
    r"|the (?:money|budget|cash|extra))"
    rf"|(?:pull|take|move|shift|put) {MONEY}(?! (?:straight|directly|right) from| by | per )"
    r"(?: \S+){0,2}? (?:from|into|out of)(?! \d| (?:last|this|yesterday|the \d))"
    rf"|do (?:we|i) need to|should (?:we|i)(?! be {FEELING}\b)|is it time to|quick wins?"
    r"|how would you"
    r"|(?:better|best|safer|safest|smarter|good|bad|risky|riskier) bets?"
    r"|what would you|would you (?:\w+ )?(?:set|recommend|suggest|advise|change|do|go for|pick"
    r"|choose|put|spend|invest|back|bet on|prioriti[sz]e|focus)"
    r"|(?:which|what) (?:\w+ ){0,3}?(?:needs?|deserves?) (?:it|more|the most|most|attention|help"
    r"|work|fixing)"
    r"|(?:how )?to (?:lower|reduce|cut|improve|increase|boost|raise|fix|bring down)"
)
STRATEGY = cue(
    r"channel mix|media mix|marketing mix|allocate|allocation|reallocate"
    r"|split (?:the |our )?budget|across (?:all )?(?:the )?(?:platforms|channels)"
    r"|between (?:the )?(?:platforms|channels)|which (?:platform|channel)s?|budget mix"
    r"|where should (?:it|the money|this|that|the budget) go|extra \d+(?:\.\d+)?k"
    r"|\d+(?:\.\d+)?k (?:extra|left)|reallocat\w*"
    r"|which (?:\w+ ){1,2}(?:get|gets|should get) (?:it|them|that|more (?:budget|money|spend))"
    r"|where (?:would|should|do) (?:you|ya|u|we) (?:stick|put|park) (?:it|them|that)"
    r"|(?:move|shift|put) (?:it|them|that|everything) (?:all )?(?:over )?(?:to|into)"
    r"|(?:merit|deserve|warrant)s? (?:incremental|more|additional|extra)"
    r" (?:investment|budget|spend)"
    r"|(?:what|which) (?:\w+ )?mix|split (?:\d+(?:\.\d+)?k?|it|them|that) (?:across|between)"
    # budget moved among accounts or campaigns ("which branches should get more budget", "move
    # budget from Fresno to Sacramento"), as among platforms
    r"|(?:which|what) (?:\w+ ){1,2}(?:on \w+ )?(?:should|shud|deserves?|to) (?:get|have|receive)"
    r" more"
    r"|which of (?:our|the|my|your) \w+ (?:should|shud|deserves?) (?:get|have) more"
    r"|which (?:of (?:our|the|my) )?\w+ (?:\w+ ){0,2}(?:should|to) put more (?:money|budget|spend)"
    r"|which (?:\w+ ){1,2}should (?:we|i) (?:prioriti[sz]e|focus on)"
    r"|which (?:\w+ ){1,5}?(?:we |i )?prioriti[sz]e (?:with|for)"
    r" (?:the |our |more |additional |extra )*(?:budget|money|spend)"
    r"|where (?:would|should) (?:you|we|i|u) put (?:it|them|that|the money|the budget)"
    r"|where (?:to|should we|shall we|do we|would you) (?:move|shift|put|reallocate) (?:it|them"
    r"|that|the money|the budget|the spend)\b"
    r"|(?:which|what) (?:\w+ ){0,2}deserves? more"
    r"|(?:move|shift|moving|shifting) (?:some |part )?(?:of )?(?:the )?(?:\w+ )?(?:budget|money"
    r"|spend)(?: away)? from|rebalance|rebalancing"
    # money moved to another of ours ("move some of its budget to the other venues", "moving
    # the Lisbon budget to Porto", "shift budget towards Casa Palmera")
    r"|(?:move|moved|moving|shift|shifted|shifting) (?:\w+ ){0,4}?(?:budget|money|spend)(?: over)?"
    r" (?:to|toward|towards|into)(?! (?:the )?(?:same|next|end|start))"
    r"|(?:budget|money|spend) (?:shift|shifted|move|moved|go|went)(?: over)? (?:to|toward|towards)"
    # a bet among them ("which city should we bet on next", "bet the whole Q4 budget on one
    # platform")
    r"|which (?:\w+ )?(?:should|shud|would|do) (?:we|i|you) (?:bet on|back|double down on)"
    r"|bet (?:the |our )?(?:whole |entire |all )?(?:\w+ )?(?:budget|money|spend) on"
    r"|across (?:all )?(?:the |our )?(?:\w+ )?clients"
)


PLAN = cue(r"strategy|strategic|plan")
"""A strategy or a plan: advice across platforms, unless the question names one platform ("the
game plan for Google next week" is advice about Google)."""


def across_platforms(text: str, platform_count: int) -> bool:
    """Whether advice in `text` is across platforms or about the budget mix (the large tier):
    two platforms named, the budget moved or split, or a strategy not confined to one platform."""
    if platform_count >= 2 or STRATEGY.search(text):
        return True
    return platform_count != 1 and bool(PLAN.search(text))

"""The cue words the intent rules read, one compiled pattern per kind of ask.

Each pattern matches whole words inside the normalized question, which `normalize` pads with a
space at each end. `intents.py` holds the order in which they are tried; `coverage.py` reads the
same patterns to know which words a rule explained.
"""

from __future__ import annotations

import re

from services.router.lexicon import ACCOUNTS_FOR, MAKES_MONEY


def cue(regex: str) -> re.Pattern[str]:
    """A cue: `regex` as whole words inside a normalized question."""
    return re.compile(rf" (?:{regex}) ")


FEELING = r"(?:worried|concerned|happy|ok|okay|fine|pleased|satisfied|content)"
"""How to feel about a figure ("should we be worried / happy / ok …"): a verdict asked
(small), not advice."""


WRITE = cue(
    r"write|draft|compose|put together|paragraph|blurb|bullets|bullet points|talking points"
    r"|a note|note to|notes for|note for|(?:end|quick|short|weekly|monthly|brief|client|team) note"
    r"|tweet|caption|one liner|slack update|status update|email"
    r"|(?:a|one|short|quick) para|(?:a few|a couple of|couple of|some) (?:lines|sentences)"
    r"|(?:whatsapp|slack|teams|text|linkedin) (?:msg|message|post)|slide request|one slide"
    r"|(?:a|quick|single) slide (?:on|about|for|covering)"
    r"|turn (?:this|it|these|that|them) into|into something (?:i|we) can (?:send|paste|share"
    r"|forward|give|post)"
    r"|(?:set|lay) out(?: (?:for|to) (?:the |our |my )?\w+)? how"
    r"|(?:a|an|quick|little|short|brief)(?: (?:whatsapp|slack|text|email|teams) style)? update"
    r" (?:for|on|to)"
)
"""A request to write something: a report when it is about ads (else off-topic text)."""
REPORT = cue(
    r"report(?! (?:the|our) (?:same|number|numbers|total|totals|figure|figures|count|amount)s? )"
    r"|reports|reporting|summary|summarize|summarise|summarizing|overview|recap|write up"
    r"|writeup|narrative|executive|deck|one pager|briefing|wrap up|memo|slides|readout|read out"
    r"|(?<!the )(?<!our )(?<!your )(?<!weekly )(?<!daily )(?<!monthly )digest"
    r"|presentation|full picture|walk me through|(?<!no )(?<!telling the right )"
    r"(?<!telling the wrong )(?<!telling a )story(?! with | please)|tldr|tl dr|state of"
    r"|paint (?:me |us |them )?a picture|(?:big |main |key )themes"
    r"|post mortem|postmortem|half a page|(?:one|a) page max"
    r"|(?<!no )(?<!without )(?<!not )(?<!any )commentary"
    r"|(?:annual|yearly|quarterly|monthly|weekly|performance|q[1-4]) review"
    r"|(?:q[1-4]|h[12]|month|monthly|quarter|quarterly|year|yearly|annual|campaign|season) wrap"
    r"|(?:weekly|monthly|quarterly|team|client|status) (?:performance |perf )?update"
)
DIAGNOSIS = cue(
    r"why|what caused|cause|causes|caused|causing|(?<!for this )(?<!for that )reason|reasons"
    # texting's why before its verb ("l7d castles - y is tt so much cheaper")
    r"|y (?:is|are|r|did|does|do|has|have|was|were|isnt|arent|didnt|hasnt)"
    r"|explain|explains|explained|(?:what|which) factors|factors (?:behind|driving)"
    rf"|{ACCOUNTS_FOR}"
    r"|(?<!no )explanation|explanations"
    r"|what worked|what (?:did not|didnt) work"
    r"|what happened|what (?:has |s )?changed|what (?:has |s )?shifted"
    r"|happened to|what (?:is )?going on|going on with|what drove|drivers?"
    r"|what (?:is |has been |s been |been |have been )?driving|driven by|root cause|how come"
    r"|how (?:is|was|can|could) (?:it|that|this) (?:be )?possible"
    # texting's "hows the rotherham club doin": how it is going, read as a check-up (the
    # parts' authors give "how's X doing" a medium tier more often than a small one)
    r"|hows (?:the |our |my )?(?:\w+ ){1,2}?(?:doing|doin)(?= )"
    # "how's Bath looking on meta this week?": a check-up, like "how's Bath doing"
    r"|how (?:is |are |was |s )?(?:our |the |my )?(?:\w+ ){1,2}?looking"
    r"(?= (?:on|at|in|this|last|so|vs|versus|compared|against|ytd|mtd|today|overall|now)\b"
    r"| $)"
    r"|went wrong|what (?:is )?wrong"
    r"|which (?:one |platform |channel |campaign )?(?:is |s )?(?:actually |really )?driving"
    r"(?! (?:the )?(?:most|highest|cheapest|lowest|fewest|biggest|largest)\b)"
    r"|to blame|behind the"
    r"|attributed to|due to|diagnose|troubleshoot|figure out|responsible|contributed"
    r"|interpret|interpretation|interpreting"
    r"|what (?:do )?(?:you|u|ya) make of|make sense of"
    r"|what (?:\w+ ){0,2}(?:do |can )?you see|what are you seeing"
    r"|what (?:does|do|can) (?:that|this|it|these|those|they) (?:tell|teach) (?:us|me)"
    r"|dragging (?:down|us down)|holding (?:us |it )?back"
    r"|(?:did|has|have|had|is|was|whether|if) (?:\w+ ){1,4}(?:hurt|hurting|helped|helping"
    r"|affected)"
    r"|evaluate|evaluation|(?:did|do|are|were) (?:we|they|you) (?:lose|losing|lost) (?:\w+ )?"
    r"(?:efficiency|ground|momentum|money|share)"
    # "is it the market or our campaigns?": which of two causes
    r"|(?:is|was) it (?:the|our|a|an|just) (?:[a-z]+ ){1,3}or (?:is it |was it )?"
    r"(?:the|our|a|an|just|something|us)"
)
WASTE = cue(
    r"eating (?:up )?(?:our |the )?budget|going to waste|wasted|wasting|waste"
    r"|bang for (?:the |our |my )?buck|value for money"
)
"""Where money is lost: a diagnosis, after advice ("should we cap weekends? they waste money")."""
WASTE_VERDICT = cue(r"(?:are|is|am|were|was) (?:we|it|i|they) (?:just )?wasting")
LEARNING = cue(
    r"recommend (?:\w+ ){0,3}?(?:podcasts?|books?|courses?|newsletters?|blogs?|reading"
    r"|certifications?|youtube channels?)|(?:podcasts?|books?|newsletters?|blogs?|certifications?)"
    r" (?:would|do|can|could) you recommend"
)
"""Advice on what to read, hear or study ("which marketing podcasts would you recommend?"):
off-topic, however much it says "recommend"."""
CONCEPT = cue(
    r"(?:what|whats) (?:is )?(?:the )?(?:difference|diff) between|what (?:does|do) (?:\w+ ){1,3}"
    r"(?:mean|stand for)|what (?:\w+ ){1,3}(?:actually |really )?(?:means|stands for)"
    r"|(?:difference|diff) between (?:cpa|cpc|cpm|ctr|cvr|cpl|cac|roas|poas|mer|roi|ltv) and"
    r"|how (?:is|are|do you|do we|does \w+) (?:\w+ ){0,2}(?:calculated"
    r"|calculate|measured|worked out)|definition of|define"
    r"|how (?:is|are) \w+ different (?:from|to)|how (?:does|do) (?:\w+ ){1,2}count"
    r"|how long does (?:the )?(?:\w+ ){1,3}(?:usually |typically |normally )?(?:last|take)"
    r"|recommend (?:a |any )?(?:good )?(?:book|books|podcast|podcasts|course|courses|newsletter"
    r"|newsletters|blog|blogs|tool|tools|app|apps)"
    r"|best (?:\w+ )?(?:app|apps|tool|tools|plugin|book|course|podcast) for"
    r"|(?:whats|what is) the (?:difference|diff)(?: (?:\w+ ){0,2}conceptually)?(?= $)|conceptually"
)
"""A question about what a metric is ("what's the difference between ROAS and POAS?", "how is
CPA calculated?"): no period or platform of ours is asked about, so it is off-topic."""
OPINION = cue(
    r"your take|your read|your view|your opinion|your thoughts|thoughts on|what do you think"
)
"""Asking for a view: a diagnosis, unless it is a view of the future (then a forecast)."""
FORECAST = cue(
    r"forecast|forecasts|forecasting|predict|predicted|prediction|projection|projections"
    r"|extrapolat\w*"
    r"|projected|project|expect|expected spend|will we|will it|will (?:our|the|my) \w+"
    # "Expected orders for April?": the figure to come, not one judged "as expected"
    r"|(?<!than )(?<!as )expected (?!range |level |levels |norm |benchmark )"
    r"(?:[a-z]+ ){1,2}?(?:for|in|over|next|this|by)"
    r"|where (?:do|will|are|re) we (?:going to |gonna )?(?:end|land|finish)"
    r"|how (?:many|much)(?: [a-z]+){0,4} might|might (?:we|it|they) (?:get|bring|see|hit|reach)"
    r"|will (?:spend|cost|be|land|end up|come in|hit|reach"
    # "will look just now", "will look at it later": the writer will read the answer
    r"|look(?! (?:at it|into it|into this|just now|later|over it|tomorrow|again|properly|when"
    r"|after)\b))"
    r"|will \w+ (?:spend|hit|reach|exceed|run out|overspend|land|finish|end)"
    r"|going to|gonna|on track|on pace|on course (?:for|to)|pacing|run rate|expectations"
    r"|by (?:the )?end of (?:the )?(?:week"
    r"|month|quarter|year)|end of (?:the )?(?:month|quarter|year)(?! (?:piece|recap|summary"
    r"|review|report|deck))|eom|eoq|eoy"
    r"|next (?:week|month|quarter|year|\d+ days)|coming (?:days|weeks|months|week|month)"
    r"|outlook|estimate|extrapolate|what will|where will|likely to|land at|hit our|reach our"
    r"|at (?:this|the current|current|our current|that) (?:rate|rates|pace|run rate)"
    r"|will (?:\w+ ){1,2}(?:bring in|bring|get us|generate|drive|deliver|produce)"
    r"|end up (?:with|at|being)"
    r"|if (?:the |this |our )?(?:current )?(?:trend|trends|pace|rate) (?:continues|continue"
    r"|holds|hold|keeps up|keep up|stays|stay|carries on)"
    r"|if (?:things|it|this|they|we) (?:keep|keeps|carry|carries|go|goes|continue|continues)"
    r" (?:on |going )?(?:like this|like that|this way|as they are|as is|at this (?:rate|pace))"
    r"|if (?:we|they) keep (?:spending|going|running|doing)|where (?:\w+ ){1,4}?ends? up"
    r"|where (?:does|do|will|would) (?:\w+ ){1,4}?land|if nothing changes"
    r"|what are we looking at|(?:is|are|s) \d+ (?:days?|weeks?|months?) (?:out|away)"
    r"|if (?:we|they) keep (?:up )?(?:the |this |our )?(?:current )?(?:pace|rate|run rate)"
    r"|what (?:\w+ ){1,4}?ends up"
)
ANOMALY = cue(
    r"anomaly|anomalies|anomalous|unusual|abnormal|spike|spikes|spiked|spiking|outliers?"
    r"|weird|strange|odd|fishy|suspicious|unexpected|sudden|suddenly|out of the ordinary|irregular"
    r"|(?:anything|something) (?:is |s )?(?:off|wrong)|looks? off|stand out"
    r"|stands out|red flags?|alert|alerts|alarming|concerning|worrying|irregularities|glitch"
    r"|untoward|amiss|spiky|something broken|anything broken|is \w+ broken"
    r"|(?:was|is|were|are) (?:this|that|it|these|those|they) (?:an? )?(?:error|errors|mistake"
    r"|mistakes|glitch|bug)"
    r"|(?:something|anything) the matter|what is the matter|stopped (?:completely|dead|entirely)"
    r"|(?:is|if) there (?:is )?a problem"
    r"|(?:anything|something) (?:look|looks|looking|seem|seems) (?:broken|off|wrong)"
    r"|did (?:anything|something) (?:break|go wrong)"
    r"|insane|crazy|wild|off the charts|through the roof|seems? off|feels? off|seem off"
    r"|fishy|suspicious|double firing|double counting|look normal|looks normal|look right"
    r"|looks right|sanity check(?! for| ahead of| before)"
    r"|(?:any|were there|was there) (?:\w+ ){0,2}?outages?"
    r"|tracking (?:issues?|problems?|broke|broken)|new normal|one off|fluke"
    r"|(?:a )?bug(?= $)|bugged|is (?:it|that|this|something) (?:a )?bug"
)
CHANGE = cue(  # "since we dropped the lineup": a release of ours, not a fall
    r"drop|(?<!we )(?<!they )(?<! i )dropped|dropping|dip|dipped|jump|jumped|surge|surged"
    r"|plunge|plunged|plummet"
    r"|plummeted|tank|tanked|crash|crashed|fell|fall|falling|skyrocket\w*|shot up|spiked"
    r"|doubled|tripled|halved"
)
JUDGEMENT = re.compile(
    r" (?:is|are|was|were|isnt|arent|s) (?:(?!why ).{0,60}? )?(?:good(?! friday)|bad|ok|okay"
    r"|fine|healthy|decent|normal|reasonable|acceptable|too high|too low|great|terrible|solid|poor"
    r"|a lot(?! (?:more|less|fewer|better|worse|higher|lower|bigger|smaller|of))"
    r"|competitive|alright|any good|efficient|high enough|low enough|in line|behind|ahead"
    r"|lagging) "
    r"| on the (?:high|higher|low|lower|expensive|pricey|cheap|steep) side(?= )"
    r"| (?:good|great|decent|poor|bad|better|worse) value(?! for money)(?= )"
    r"| (?:decent|healthy|worrying|good or bad|ok or not|okay or not)(?= $)"
    r"| (?:benchmark|benchmarks|industry average|above average|below average|how good|how bad"
    r"|any (?:real |big |noticeable |meaningful )?difference"
    rf"|doing (?:well|ok|okay|good|badly|poorly|fine)|should (?:i|we) be {FEELING}"
    r"|worth it|good or bad|is that normal"
    r"|is this normal"
    r"|how (?:are|were) we doing|how (?:did|have) (?:we|they) (?:do|done)(?= )"
    r"|how (?:is|was) \w+ doing|how (?:is |was |are |were )?(?:the|our|my) (?:\w+ ){1,2}doing"
    r"|how (?:our |the |my )?\w+(?: ads)? (?:is |s |are )?doing"
    r"|pulling (?:its|their) weight"
    r"|normal for (?:a|an|the|this|that|our|\w+(?= $))|what grade|grade would you"
    r"|out of (?:10|ten|5|five)"
    r"|(?:fine|ok|okay|good|in line|on track) or (?:nah|not|off|bad|no)"
    r"|earn(?:s|ing)? (?:its|their) keep|(?:even )?doing anything|even bother|worth bothering"
    rf"|paying off|pay off|pays off|{MAKES_MONEY}"
    # a verdict closing the question ("… lekker or not?", "mid or nah", "that high??", "is
    # it?"), or on whether it works at all ("is TikTok actually working for us?")
    r"|or (?:not|nah|nay|no)(?= $)|(?:mid|decent|ok|okay|good|bad|high|low) or nah"
    r"|(?:that|this|it) (?:too )?(?:high|low|much|expensive|cheap)(?= $)|is (?:it|that)(?= $)"
    r"|is (?:that|this|it) a problem|actually (?:working|profitable|paying|worth)"
    r"|(?:does|do) (?:that|this|those|these) (?:numbers? |figures? )?make sense"
    r"|(?:is|are) (?:it|that|this|they|those) enough|rip off|ripoff|daylight robbery"
    r"|defensible|out of band|gone (?:mad|nuts|bananas)|(?<!\d )(?<!\dk )grand(?= or | for |$)"
    r"|(?:a )?sensible return|in line for (?:a|an|the)"
    # a claim to check ("tell me if he is right", "is the client right?")
    r"|if (?:he|she|they|the (?:client|boss|manager)) (?:is|are|s) (?:right|wrong)"
    r"|looking (?:ok|okay|good|healthy|alright|fine|right)"
    r"|(?:is|are) (?:ours|mine|it|that|this|theirs) (?:too )?(?:high|low)(?= $)"
    r"|(?:is|are) (?:he|she|they|the (?:client|boss|manager)) (?:right|wrong)) "
    r"|(?<=\w) (?:healthy|normal|decent|reasonable|acceptable) $"
    r"|(?<=\w) (?:ok|okay|alright) (?=(?:this|last|so far|yesterday|today|mtd|ytd|wtd|qtd) )"
    r"| too (?:high|low|expensive|cheap|steep|pricey) $"
    # a figure felt to be off ("feels low ngl", "looks kinda high"): a verdict asked
    r"| (?:feels?|feeling|seems?|looks?|looking) (?:(?:a bit|a little|kinda|kind of|quite|really"
    r"|very|pretty|super|way|too|so) )?(?:low|high|weak|slow|quiet|expensive|pricey|cheap"
    r"|steep)(?= )"
    r"| (?:feels?|seems?|looks?) (?:like )?(?:a lot|alot|loads|too much|not much|very little)(?= )"
    # a figure judged in a formal register ("would you regard that as competitive?",
    # "respectable figures for a business of our size", "whether that represents good value")
    r"| (?:regard|consider|call|rate) (?:that|this|it|them|those|these) (?:as )?(?:competitive"
    r"|good|respectable|reasonable|acceptable|healthy|strong|weak)(?= )"
    r"| respectable(?= )| represents? (?:good |poor |fair )?value(?= )"
)
CLAIM = cue(
    r"(?:is|are) (?:he|she|they) (?:right|fair|correct|wrong)"
    r"|(?:is|was) (?:that|this|it) (?:a )?fair(?: assessment| call| comment| to say)?"
)
"""A claim to check ("Our CFO thinks the spend is wasted on brand terms. Is he right?", "is that
fair?"): a short verdict, whatever the claim's words ask."""
VERDICT_OR_ACT = re.compile(
    r" (?:normal|ok|okay|fine|reasonable|acceptable|alright|expected|good|bad|high|low)"
    r"(?: [a-z0-9]+){0,3} or should (?:i|we) (?:flag|raise|escalate|mention|tell|warn|brace"
    r"|be bracing|be worried|worry|panic|be concerned) "
)
"""A verdict and what would follow from it ("is that jump normal or should I flag it?", "is $210
per consult reasonable for implants, or should I be bracing for a tough call?"): the verdict
is the question."""
UP_OR_DOWN = cue(r"up or down|going up going down|up down (?:or )?(?:flat|sideways)|up or what")
"""Which way a figure goes, asked with no period to compare with ("the trend on enquiries since
jan? up or down?"): an open trend question; with one ("up or down on last month?") a
comparison."""
EXPECT = cue(r"should (?:i|we) expect|can (?:i|we) expect|what to expect")
AS_EXPECTED = cue(
    r"(?:in line with|than|as|what) (?:what )?(?:(?:we|you|i|wed|youd|id)(?: d| would| should"
    r"| might)? )?(?:expect|expected)"
)
"""Measuring against expectations ("is that in line with what we'd expect?", "worse than
expected"): a verdict on the figures, not a forecast."""
SINCE_CHANGE = cue(
    r"since (?:we|they|you|it|the client) (?:launched|changed|started|switched|paused|turned"
    r"|went live|rolled out|updated|moved|added|removed|raised|lowered|cut|increased|upped"
    r"|introduced|refreshed|swapped|dropped)"
)
"""A trend since something we did ("the trend in ROAS since we launched the new creatives"):
what the change did, a model's reading, not a chart."""
WORTH_IT = cue(
    r"worth (?:it|the money|the spend|keeping|continuing|bothering(?: with)?|the effort"
    r"|paying for|the investment|investing in|scaling|the budget|boosting|increasing|pushing"
    r"|doubling|expanding|testing|trying|running)|(?:even )?(?:do|does) anything for us"
    r"|(?:was|is|were|are) (?:it|that|this|they|those) (?:just )?(?:a )?waste"
    r"|(?:is|are) \w+(?: ads)? (?:just )?a (?:waste|waste of (?:money|time|budget))"
    r"|worth carrying on|worth keepin|worth (?:us|me|our|it) (?:running|keeping|continuing|spending"
    r"|paying|doing|having)"
    r"|(?:was|is|were|are) (?:[a-z0-9]+ ){0,6}?(?:just |really )?a (?:complete |total |huge |big )?"
    r"waste of (?:money|time|budget|spend)"
    r"|enough to justify (?:it|the spend|the cost|the budget|them)"
    r"|justified|unjustified"
    r"|kill (?:it |them )?or keep|keep (?:it |them )?or kill|keep or (?:cut|pause|kill)"
    r"|(?:keep|continue|carry on) (?:it |them |going )?or (?:stop|pause|cut|drop|kill)"
    r"|worth (?:a|another) (?:test|try|punt|go|shot|look)|(?:even )?bother(?:ing)? with"
    r"|worthwhile"
    r"|(?:stop|pause) (?:it |them )?or (?:keep|continue|carry on)"
    r"|pull the plug|should (?:we|i) even be (?:on|running|advertising on|using)"
)
TREND = cue(
    r"trend|trends|trended|trending|trendline|over time|trajectory|develop|developed|developing"
    r"|evolve|evolved|evolving|evolution|progress|progressed|progression|history|historical"
    r"|time series|chart|graph|plot|timeline|how has|how have|changed over|over the course"
    r"|move|moved|moving|movement"
)
COMPARISON = cue(
    r"vs|versus|compare|compared|comparing|comparison|difference|differ"
    r"|(?<!reconcile )(?<!reconcile it )(?<!reconcile them )against|relative to"
    r"|better|worse|outperform|outperformed|(?<!rather )than|head to head|side by side|stack up"
    r"|next to each other|next to one another|one next to the other|one beside the other"
    r"|beside each other"
    r"|stacks up"
    r"|stacked up|how (?:big|large|much) (?:is|was) the (?:difference|gap)"
    r"|(?:go|goes|went|gone|going) up or down|up or down"
)
WORRY = cue(
    r"anything (?:i|we) should (?:be )?(?:worried|concerned|know|look at)|worried about"
    r"|concerned about|anything to worry about|how worried|how concerned"
    r"|(?:ought to|should|would|might) concern (?:us|me|you)|cause for concern"
    r"|should (?:worry|concern|scare|alarm) (?:us|me|you)"
    r"|keeps? (?:me|us|you) up at night|lose sleep"
)
ODD = cue(r"anything (?:\w+ )?(?:dodgy|weird|odd|strange|unusual|funny|fishy|suspicious|broken)")
"""A hunt for what is odd ("anything weird going on with …", "anything unusual … I should know
about?"): an anomaly question, before the why and advice words it often carries."""
UNEASE = cue(r"worry|worried|nervous|bad feeling|scary|scared|panic|panicking|freaking out|concern")
"""Unease with nothing else asked ("a bad feeling about Bing, am I right to be nervous?")."""
"""Questions about what might be wrong: a check for anomalies."""
OVERSPEND = cue(
    r"overspending|overspend|overspent|underspending|underspend|underspent"
    r"|over ?invest\w*|under ?invest\w*|under ?utili[sz](?:ed|ing|ation)|under ?used"
    r"|spending more than (?:we|i|you) should"
    r"|under ?pacing|over ?pacing|under ?delivering|over ?index\w*|under ?index\w*"
    r"|(?:over|under|above|below) (?:our |the )?budget"
)
"""Spend judged against what it should be: a judgement, never a lookup."""
TOO = cue(r"(?<!asking )too much(?! trouble| bother| hassle)|too many|too little|too few")
"""An amount judged ("are we spending too much on Meta?"), after the other open cues."""
THOUGHTS = cue(
    r"thoughts|opinion|opinions|ideas|view|take|verdict|feedback|advice|good|bad|meh|ok|okay"
    r"|fine|great|terrible|awful|worse|better|right|wrong|normal|worth|honestly|frankly|really"
    r"|honest|brutal|brutally|candid|candidly"
)
"""A clause that asks for someone's view ("… — thoughts?") is never mere context."""
MORE = cue(r"more|less|fewer|higher|lower|bigger|smaller|cheaper")
"""Between named platforms, "more/less" asks which one: a comparison."""
BREAKDOWN = cue(
    r"(?<! not )(?<! rather than )(?<! instead of )(?:breakdown|break down|broken down"
    r"|broken out|break out|split|split by|distribution|share of|mix)"
)
"""A breakdown, unless refused ("as one figure rather than split by platform")."""
OPEN_TREND = cue(
    r"getting (?:better|worse|cheaper|pricier|more expensive)|improv\w*|declin\w*|deteriorat\w*"
    r"|worsen\w*|trending (?:up|down)|heading|direction|pattern|patterns|seasonal\w*|volatil\w*"
    r"|going (?:up|down) or (?:going )?(?:up|down)|(?:downward|upward) (?:slide|trend|spiral)"
    r"|trajectory|how (?:have|has|are|is|were|was) (?:\w+ ){0,4}?(?:been )?trending"
    r"|how (?:\w+ ){1,5}?been trending"
    r"|how (?!many |much )(?:\w+ ){1,4}?trending|trends? (?:is |are )?look(?:ing|in|s)?(?= )"
    r"|how (?:have|has) (?:\w+ ){1,6}?(?:developed|evolved)"
    r"|how (?:have |has )?(?:\w+ ){1,6}?been (?:moving|developing|evolving)"  # "how's X been …"
    r"|(?:what|which|any) trends? (?:do|can|did|would) (?:you|u|ya) (?:see|spot|notice|make of)"
    r"|how (?:is|are) (?:\w+ ){1,6}?(?:developing|evolving)"
    r"|how (?:\w+ ){1,6}?(?:have|has) (?:developed|evolved|trended)"
    r"|(?:the trend|it|that|this|they) (?:going )?(?:up|down|rising|falling) or (?:up|down"
    r"|rising|falling|flat)|is the trend"
    r"|(?:performing|doing|working|performs|works|trending|trends) (?:a |an )?(?:any )?(?:better"
    r"|worse)"
    r"|what (?:is |s )?(?:\w+ ){1,14}?(?:telling|saying) (?:us|me)"
    r"|what (?:does|do|did) (?:\w+ ){1,14}?(?:tell|say to) (?:us|me|you)"
    r"|(?:creep\w*|crept|inch\w*|tick\w*|climb\w*|slid\w*|slipp\w*|drift\w*) (?:up|down|upward"
    r"|downward|higher|lower)|stabilis\w*|stabiliz\w*|plateau\w*|flatten\w*|levell?ing off"
    r"|levell?ed off"
    r"|consistent\w*|dying|saturat\w*|plateau\w*|diminishing|fatigue\w*|sick of|tired of"
    r"|(?:feel|feels|look|looks|seem|seems|getting|gone|going) (?:a bit |kinda |really |so )?"
    r"(?:tired|stale|fatigued)|sliding|slipping|sustainable|unsustainable"
    r"|(?<!last \w{3} )(?<!last \w{4} )(?<!last \w{5} )(?<!last \d )(?<!last \d\d )"
    r"(?<!past \w{3} )(?<!past \w{4} )(?<!past \d )weekends"
    r"|weekdays|mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays"
    r"|mornings|afternoons|evenings|(?<!room )(?<!booked )nights(?! booked| stayed| sold)"
    r"|time of (?:the )?day"
)
"""Open trend questions; plural days ("do weekends convert differently?") ask about a weekly
or daily pattern, which no period of a lookup can state."""


DOMAIN = cue(
    r"ad|ads|advert|adverts|advertising|campaign|campaigns|account|accounts|platform|platforms"
    r"|channel|channels|performance|performing|perform|budget|budgets|bid|bids|bidding"
    r"|creative|creatives|audience|audiences|targeting|keyword|keywords|marketing|media"
    r"|funnel|traffic|ad ?sets?|ad groups?|results|numbers|metrics|kpis?|client|clients"
    r"|\d+(?:\.\d+)?k|dollars?|euros?|pounds|quid|bucks|grand"
    r"|tracking|pixel|pixels|brand|brands|(?:in |our |the )data|what (?:is )?(?:not )?working"
    r"|how (?:are|were|did|have) (?:we|things)|we doing|working for us|what is working"
    r"|whats working|works for us|go for us|went for us|did we do"
    r"|how did (?:the |our )?(?:\w+ ){1,3}(?:go|do)(?= |$)"
    # a learner's "How it went the Easter weekend for the webshop?"
    r"|how (?:it|they|things|everything) (?:went|has gone|have gone)(?= |$)"
    r"|(?:anything|something) (?:we|i) (?:should|need to) (?:be )?(?:worried|concerned|worry) about"
)

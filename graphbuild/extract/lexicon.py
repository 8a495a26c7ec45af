"""General English word lists the rules use: common nouns, verbs and titles — never names.

Each list is a closed class of ordinary vocabulary (what kind of word signals an
organisation, a speech act, a job title or a hedge), so it works for any article.
"""

from __future__ import annotations

#: common nouns that, in apposition or as a modifier ("social networks Facebook"), say that the
#: proper name next to them is an organisation of the given schema.org type
ORG_NOUNS: dict[str, str] = {
    **{w: "Organization" for w in (
        "network", "platform", "organisation", "organization", "group", "association",
        "union", "federation", "league", "club", "foundation", "institute", "society",
        "movement", "coalition", "alliance", "charity", "network", "site", "website",
        "service", "app", "outlet", "body", "team", "committee", "consortium",
        "organisation", "body", "watchdog", "regulator", "lobby", "campaign", "trust",
    )},
    **{w: "Corporation" for w in (
        "company", "firm", "corporation", "giant", "maker", "manufacturer", "retailer",
        "carrier", "airline", "bank", "lender", "insurer", "producer", "supplier",
        "conglomerate", "business", "operator", "chain", "brand", "startup", "start-up",
        "developer", "publisher", "studio", "label", "distributor", "provider", "rival",
        "subsidiary", "unit", "owner", "investor", "fund", "broker", "exchange", "group",
    )},
    **{w: "GovernmentOrganization" for w in (
        "ministry", "department", "agency", "bureau", "government", "administration",
        "police", "army", "navy", "military", "parliament", "senate", "congress", "assembly",
        "council", "commission", "court", "cabinet", "office", "authority", "treasury",
        "embassy", "consulate", "regulator", "inspectorate", "directorate", "secretariat",
        "force", "forces", "service", "intelligence", "prosecutor", "duma", "kremlin",
    )},
    **{w: "NewsMediaOrganization" for w in (
        "newspaper", "broadcaster", "paper", "tabloid", "daily", "weekly", "magazine",
        "channel", "station", "news", "wire", "newswire", "radio", "television", "tv",
    )},
    **{w: "EducationalOrganization" for w in ("university", "college", "school", "academy")},
    **{w: "PoliticalParty" for w in ("party",)},
}
# "group" and "service" are ambiguous; the Corporation/GovernmentOrganization reading above
# wins only when the name itself ends in the word (see NAME_HEADS).

#: words that, as the last word of an organisation's name, fix its schema.org type
NAME_HEADS: dict[str, str] = {
    **{w: "GovernmentOrganization" for w in (
        "ministry", "department", "agency", "bureau", "government", "administration",
        "police", "army", "navy", "parliament", "senate", "congress", "assembly",
        "council", "commission", "court", "cabinet", "office", "treasury", "embassy",
        "service", "services", "force", "forces", "guard", "directorate", "inspectorate",
        "secretariat", "tribunal", "authority", "committee", "duma", "kremlin",
        "executive", "marines", "command", "security",
    )},
    **{w: "Corporation" for w in (
        "inc", "inc.", "corp", "corp.", "corporation", "ltd", "ltd.", "plc", "llc", "ag",
        "sa", "s.a.", "nv", "n.v.", "gmbh", "co", "co.", "company", "holdings", "group",
        "bank", "airlines", "airways", "motors", "industries", "technologies", "systems",
        "pharmaceuticals", "entertainment", "studios", "records", "capital", "partners",
        "pharma", "labs", "laboratories", "logistics", "electronics",
    )},
    **{w: "NewsMediaOrganization" for w in (
        "news", "times", "post", "journal", "herald", "tribune", "gazette", "telegraph",
        "guardian", "observer", "chronicle", "press", "radio", "television", "tv",
        "broadcasting", "newswire", "magazine", "daily", "express", "mirror", "mail",
    )},
    **{w: "EducationalOrganization" for w in (
        "university", "college", "school", "academy", "institute", "polytechnic",
    )},
    **{w: "PoliticalParty" for w in ("party",)},
    **{w: "NGO" for w in ("foundation", "charity", "trust", "fund", "watch", "society")},
}

#: words that, as the last word of a name, make it a place ("Qayyarah Airfield", "Guantanamo
#: Bay", "Edinburgh City"); a compass word after them is skipped ("Airfield West")
PLACE_HEADS = frozenset([
    "airfield", "airport", "airbase", "port", "harbour", "harbor", "bay", "gulf", "sea",
    "ocean", "river", "lake", "island", "islands", "mountain", "mountains", "valley",
    "province", "district", "region", "county", "city", "village", "town", "square",
    "street", "road", "bridge", "dam", "strait", "peninsula", "desert", "camp", "crossing",
])
COMPASS = frozenset(["north", "south", "east", "west", "northeast", "northwest", "southeast",
                     "southwest", "central"])

#: verbs whose object is asked to do something: their "to"-infinitive is kept as complement
DIRECTIVE_VERBS = frozenset([
    "urge", "ask", "call", "tell", "order", "force", "persuade", "encourage", "invite", "allow",
    "permit", "require", "press", "pressure", "warn", "advise", "instruct", "demand", "push",
    "lobby", "compel", "oblige", "authorise", "authorize", "request", "beg"
])

#: verbs of saying: their subject is the speaker of the quotation they govern
SPEECH_VERBS = frozenset([
    "say", "add", "tell", "state", "note", "explain", "claim", "argue", "insist", "warn", "stress",
    "emphasise", "emphasize", "write", "ask", "reply", "respond", "answer", "conclude", "continue",
    "declare", "announce", "acknowledge", "admit", "confirm", "deny", "suggest", "comment",
    "remark", "observe", "point", "agree", "predict", "recall", "describe", "reveal", "report",
    "concede", "urge", "complain", "allege", "assert", "maintain", "contend", "estimate",
    "believe", "think", "caution", "quip", "joke", "testify", "tweet", "post", "announce",
    "indicate", "reiterate", "underline", "underscore", "mention"
])

#: verbs whose subject says/shows something about a clause: used when a quote is embedded
#: in their complement ("X drew attention to the fact that “...”")
REPORTING_NOUN_VERBS = frozenset(["draw", "call", "point"])

#: head nouns of job titles and positions
TITLE_NOUNS = frozenset([
    "spokesman", "spokeswoman", "spokesperson", "minister", "secretary", "president", "chancellor",
    "premier", "executive", "director", "chairman", "chairwoman", "chair", "chief", "head",
    "leader", "manager", "officer", "analyst", "economist", "governor", "senator", "ambassador",
    "mayor", "editor", "founder", "owner", "coach", "manager", "captain", "general", "commander",
    "adviser", "advisor", "envoy", "diplomat", "correspondent", "reporter", "presenter", "lawyer",
    "attorney", "prosecutor", "judge", "deputy", "member", "mp", "mep", "representative",
    "congressman", "congresswoman", "councillor", "spokespeople", "boss", "partner", "strategist",
    "researcher", "professor", "dean", "principal", "treasurer", "inspector", "commissioner",
    "superintendent", "sheriff", "chairperson", "president-elect", "vice-president", "economist",
    "analyst", "executive", "administrator", "negotiator", "campaigner", "activist", "official",
    "officials", "delegate", "consultant", "investor", "trader", "banker", "king", "queen",
    "prince", "princess", "pope", "archbishop", "bishop", "cleric", "imam", "rabbi", "emir",
    "sultan", "candidate", "backbencher", "solicitor", "barrister", "justice", "msp", "mla",
    "colonel", "commodore", "admiral", "brigadier", "lieutenant", "sergeant", "corporal",
    "marshal", "physician", "doctor", "surgeon", "nurse", "teacher", "shopkeeper",
    "receptionist", "engineer", "scientist", "journalist", "lawmaker", "legislator",
    "designate", "strategist", "pm", "chancellor", "speaker", "whip", "premier",
    "spokesperson", "mayor", "provost", "rector", "vicar", "priest", "pastor", "headteacher",
    "headmaster", "headmistress", "manager", "supervisor", "employee", "worker", "farmer",
    "driver", "pilot", "soldier", "officer", "detective", "constable", "magistrate", "coroner"
])

#: modifiers that are part of a title ("chief executive", "foreign minister")
TITLE_MODIFIERS = frozenset([
    "chief", "senior", "deputy", "vice", "foreign", "interior", "finance", "defence", "defense",
    "prime", "home", "culture", "health", "trade", "economy", "energy", "justice", "education",
    "environment", "transport", "general", "executive", "managing", "press", "communications",
    "acting", "former", "interim", "junior", "shadow", "assistant", "associate", "principal",
    "lead", "head", "first", "second", "top", "economic", "financial", "technology", "technical",
    "operating", "marketing", "sales", "commercial", "creative", "artistic", "news", "political",
    "legal", "local", "prospective", "campaign", "market", "special", "presidential",
    "resident", "commanding", "lord", "mr", "ex", "then", "outgoing", "incoming", "elect",
    "cabinet", "regional", "national", "state", "federal", "oil", "affairs", "constitutional",
    "operations", "defense", "foreign", "industry", "commerce", "permanent", "official"
])
#: modifiers that make a title a former one ("former", "ex-chief economic adviser")
FORMER_MODIFIERS = frozenset(["former", "ex", "then", "outgoing", "erstwhile", "onetime"])

#: words by which a source marks a claim as doubtful or disputed
HEDGE_WORDS = frozenset([
    "allegedly", "reportedly", "purportedly", "supposedly", "ostensibly", "apparently",
    "seemingly", "alleged", "purported", "supposed", "unverified", "unconfirmed",
    "unsubstantiated", "so-called", "self-styled", "self-proclaimed", "dubious", "questionable"
])
#: multi-word hedges, matched on lower-cased text
HEDGE_PHRASES = (
    "so-called", "so called", "under the pretext", "on the pretext", "under the guise",
    "what it called", "what they called", "what he called", "what she called",
    "what it calls", "what they call", "according to unconfirmed", "it is claimed",
    "it is alleged", "it was alleged", "it was claimed", "claims that", "claimed that",
)

#: nouns by which the text reports something unattributed and unconfirmed ("reports that…",
#: "amid speculation", "denied suggestions…"); a hedge when no source or determiner pins
#: them down ("the allegations" refers to known ones)
HEDGE_NOUNS = frozenset(["report", "suggestion", "speculation", "rumour", "rumor",
                         "allegation", "claim"])
#: verbs by which the outlet reports a claim without endorsing it ("X claimed…",
#: "firms speculate that…")
HEDGE_VERBS = frozenset(["claim", "speculate", "allege", "purport", "rumour", "rumor"])
#: clausal doubt phrases, as regular expressions on lower-cased text
HEDGE_PATTERNS = (
    r"(?:it )?(?:is|was|are|were) (?:thought|understood|believed|rumou?red|said|reported|"
    r"alleged|claimed|suspected)(?: to| that)?",
    r"as (?:rumou?red|reported|claimed|alleged|suggested) (?:in|by) (?:the )?\w+(?: \w+)?",
    r"if (?:confirmed|true|verified)",
    r"amid (?:\w+ )?(?:speculation|suggestions|rumou?rs|reports|claims)",
    r"could not be (?:independently )?(?:verified|confirmed)",
    r"(?:cannot|can ?not|could not) be (?:independently )?(?:verified|confirmed)",
)
#: attribution cues: the text says the content is second-hand
ATTRIBUTION_PATTERNS = (
    r"according to", r"(?:was|were|is|are) quoted as saying", r"quoted as saying",
    r"(?:unnamed |anonymous |official |diplomatic |military |security )?sources (?:said|say|told)",
    r"\bcit(?:ed|ing)\b",
)

#: verbs that do not make a statement by themselves
LIGHT_VERBS = frozenset(["be", "seem", "appear", "become", "have", "get", "do"])

PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs"})
ORG_PRONOUNS = frozenset({"it", "its"})

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
SCALE_WORDS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "m": 1_000_000,
               "billion": 1_000_000_000, "bn": 1_000_000_000, "trillion": 10**12, "k": 1_000}

#: honorifics before a person's name
HONORIFICS = frozenset([
    "mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "prof", "professor", "rev"
])

#: abbreviated titles before a name ("Gen. William Westmoreland", "Sen. Robert Kennedy")
TITLE_ABBREVIATIONS = {
    "gen": "general", "sen": "senator", "gov": "governor", "rep": "representative",
    "lt": "lieutenant", "col": "colonel", "sgt": "sergeant", "capt": "captain",
    "cpl": "corporal", "adm": "admiral", "maj": "major", "brig": "brigadier",
    "supt": "superintendent", "insp": "inspector", "det": "detective", "atty": "attorney",
    "pres": "president", "cmdr": "commander", "pvt": "private", "amb": "ambassador",
}

#: verbs of saying, evaluating, directing and stating a belief whose content is a reported
#: claim ("X said that…", "X accused Y of…", "X urged Y to…", "X hopes…")
CLAIM_VERBS = SPEECH_VERBS | frozenset([
    "accuse", "condemn", "welcome", "hope", "praise", "criticise", "criticize", "reject",
    "dismiss", "pledge", "promise", "vow", "threaten", "demand", "recommend", "propose", "fear",
    "expect", "predict", "believe", "feel", "question", "doubt", "blame", "thank",
    "congratulate", "applaud", "hail", "slam", "deplore", "regret", "express", "reaffirm",
    "assure", "request", "encourage", "press", "call", "label", "brand", "dub", "speculate",
    "forecast", "lament", "rule", "find", "consider", "compliment", "trail", "forecast",
    "reckon", "signal", "vow", "rebuke", "denounce", "decry", "endorse", "support", "oppose",
    "advise", "recommend", "demand", "order", "instruct", "invite", "appeal", "dispute",
    "rebut", "refute", "protest", "demand", "charge",
])
#: of CLAIM_VERBS, those whose direct object alone is a claim ("condemned the attack",
#: "announced a consultation"); the others need a clause ("found that…", "said the…")
CLAIM_OBJECT_VERBS = frozenset([
    "accuse", "condemn", "welcome", "praise", "criticise", "criticize", "reject", "deny",
    "dismiss", "pledge", "promise", "vow", "demand", "recommend", "propose", "predict",
    "announce", "urge", "thank", "congratulate", "applaud", "hail", "slam", "deplore", "regret",
    "express", "reaffirm", "assure", "request", "encourage", "label", "brand", "dub",
    "question", "blame", "confirm", "reveal", "trail", "forecast", "warn", "claim",
    "compliment", "reiterate", "underline", "stress", "emphasise", "emphasize", "acknowledge",
    "admit", "describe", "tell", "rebuke", "denounce", "decry", "endorse", "dispute", "rebut",
    "refute", "allege", "suggest", "call", "threaten", "advise",
])
#: verbs that report only with a clause ("ruled that…"), never with an object alone
CLAIM_CLAUSE_ONLY = frozenset(["rule", "find", "consider", "feel", "believe", "think",
                               "expect", "fear", "hope", "continue", "point", "agree",
                               "support", "oppose", "order", "invite", "appeal", "protest",
                               "charge", "signal", "reckon", "post", "write", "report",
                               "answer", "ask", "observe", "recall", "mention", "note"])

# ---------------------------------------------------------------------------------------------
# Modality and polarity of statements (issue 12, graphbuild.extract._modality); general English
# function words and verb classes.

#: auxiliaries of the future ("will", "shall", "'ll", "wo" of "won't") and of reported
#: future ("would")
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would", "'d"})
#: auxiliaries of possibility
POSSIBLE_AUX = frozenset({"may", "might", "could", "can", "ca", "should"})
#: auxiliaries of obligation: what must be done is not done yet
OBLIGATION_AUX = frozenset({"must", "ought"})
#: subordinators of a condition
CONDITIONAL_MARKERS = frozenset({"if", "unless"})
#: governors of a "to"-infinitive that put it in the future ("is going to", "is set to")
FUTURE_GOVERNORS = frozenset({"going", "set", "due", "about", "expect", "schedule"})
#: governors of a "to"-infinitive that make it possible only ("is able to", "is likely to")
POSSIBLE_GOVERNORS = frozenset({"able", "likely", "unlikely", "possible", "chance",
                                "opportunity"})
#: governors that deny their infinitive ("refused to serve", "failed to pay")
DENIAL_GOVERNORS = frozenset({"refuse", "fail", "decline", "deny", "reject", "avoid", "stop",
                              "cease", "neglect", "forget", "prevent"})
#: subjects that negate their clause ("no one attended", "nothing was done")
NEGATIVE_PRONOUNS = frozenset({"nobody", "nothing", "none", "neither", "no-one"})
#: verbs of saying, evaluating or directing: what they report is a claim (schema:Claim), not
#: an action on their object (statements and their calibration; the claims extractor reads
#: CLAIM_VERBS above)
REPORTING_VERBS = frozenset(SPEECH_VERBS | DIRECTIVE_VERBS | {
    "condemn", "welcome", "praise", "criticise", "criticize", "accuse", "blame", "hope",
    "applaud", "commend", "denounce", "slam", "hail", "attack", "dismiss", "reject", "thank",
    "express", "reaffirm", "stress", "highlight", "recognise", "recognize", "question",
    "speak", "talk", "comment", "respond"})
#: participles whose passive states a lasting fact with its preposition ("is based on",
#: "is located in"): the patient stays the subject and the preposition joins the verb
STATIVE_PASSIVES = frozenset({"base", "locate", "headquarter", "situate"})
#: job titles of the head of an organisation or country: the holder leads it
LEADER_TITLES = frozenset({
    "leader", "president", "chairman", "chairwoman", "chair", "chairperson", "head", "chief",
    "chief executive", "director general", "director-general", "managing director",
    "general secretary", "secretary general", "secretary-general", "prime minister",
    "premier", "king", "queen", "emir", "sultan", "governor", "mayor", "commander",
    "commanding general", "boss", "founder", "owner", "captain", "pope",
    "executive director", "chief executive officer", "ceo"})
#: job titles of a member of a party or an assembly
MEMBER_TITLES = frozenset({
    "mp", "mep", "msp", "am", "member", "senator", "congressman", "congresswoman",
    "councillor", "councilman", "councilwoman", "representative", "delegate", "backbencher",
    "candidate", "activist", "peer"})
#: verbs by which someone heads an organisation ("led by", "heads", "chairs")
LEAD_VERBS = frozenset({"lead", "head", "chair", "command"})
#: words that state a killing ("shot", "assassin of", "murder of"): a typed Kill relation
#: needs one of them on the path between killer and victim
KILLING_WORDS = frozenset({
    "kill", "killing", "killer", "murder", "murderer", "assassinate", "assassination",
    "assassin", "shoot", "shooting", "shot", "gunman", "slay", "slaying", "slain", "stab",
    "stabbing", "strangle", "execute", "execution", "behead", "lynch", "massacre", "gun",
    "fire", "poison", "death", "bomb"})
#: nouns of an event or a choice: their owner is no participant of what the event does or
#: undergoes ("Labour's choice … proves the need", "X's death fell within the Convention",
#: "Labour's campaign would not be helped", "condemned X's arrest")
EVENT_NOUNS = frozenset({
    "choice", "death", "campaign", "election", "trial", "arrest", "visit", "funeral",
    "birth", "resignation", "departure", "arrival", "victory", "defeat", "selection",
    "appointment", "nomination", "detention", "imprisonment", "injury", "illness",
    "wedding", "retirement", "dismissal", "sacking", "removal", "return",
    # what someone said: "X's statement was welcomed" welcomes no X
    "statement", "speech", "remark", "comment", "announcement", "testimony", "interview"})
#: verbs whose passive only frames another clause ("is expected to announce", "is thought to
#: have spread", "is said to be"): not an action on their subject
RAISING_PASSIVES = frozenset({
    "expect", "think", "believe", "understand", "say", "report", "know", "consider",
    "suppose", "presume", "assume", "allege", "claim", "estimate", "rumour", "rumor", "fear",
    "schedule", "set", "due", "see", "feel", "find"})

#: prepositions that place an action at a time ("said on Tuesday", "in a statement at
#: noon"); not those of a deadline, a duration or a value ("by Monday", "for two weeks", "to
#: just 21 days", "from Friday's level"): a date after them is not when the thing was said
TEMPORAL_PREPS = frozenset({"on", "in", "at", "during"})

#: time units of a duration ("21 days", "two weeks"): no day unless counted back ("ago")
TIME_UNITS = frozenset({"day", "days", "week", "weeks", "fortnight", "fortnights", "month",
                        "months", "year", "years", "decade", "decades", "hour", "hours"})

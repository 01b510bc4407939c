"""Small word lists the analyses share: function words, speech verbs, titles, organisation words,
and everyday country names. Data, kept apart from the rules that use it."""

from __future__ import annotations

STOPWORDS = frozenset("""
a about above after again against all almost also although am among an and another any are around as at
be became because been before being below between both but by can could did do does doing down during each
either else even ever every few for from further had has have having he her here hers herself him himself his
how however i if in into is it its itself just least less like made make many may me might more most much must
my myself neither no nor not now of off often on once one only or other others our ours ourselves out over own
per perhaps rather same several she should since so some such than that the their theirs them themselves then
there these they this those though through thus to too toward towards under until up upon us very via was we
were what whatever when where whether which while who whom whose why will with within without would yet you
your yours yourself yourselves s t said says say told mr mrs ms also its it's that's would've we've they've
new two three first second last year years time times week weeks month months day days
""".split())

SPEECH_VERBS = frozenset("""
said says say stated states told tells added adds noted notes stressed stresses emphasized emphasised
emphasizes emphasises warned warns declared declares announced announces insisted insists argued argues
claimed claims asked asks replied replies wrote writes tweeted tweets explained explains remarked remarks
commented comments acknowledged acknowledges highlighted highlights underscored underscores urged urges
described describes called calls confirmed confirms denied denies admitted admits suggested suggests
predicted predicts reported reports affirmed affirms praised praises criticized criticised criticizes
criticises dismissed dismisses
""".split())

#: Verbs that introduce reported speech even without "that" ("the presidency stated Erdogan discussed…").
#: Verbs after a name that make it the speaker ("Nigel Gould-Davies highlighted…"); no noun look-alikes.
SUBJECT_VERBS = frozenset("said says told tells stated added warned insisted argued announced declared explained "
                          "emphasized emphasised stressed highlighted underscored acknowledged noted urged wrote "
                          "tweeted replied claimed".split())

#: Verbs of reported speech ("X emphasized that …"): past and present forms that are not also nouns.
REPORT_VERBS = SUBJECT_VERBS | frozenset("confirmed denied admitted suggested predicted affirmed believes believed "
                                         "maintained contended asserted reiterated".split())

#: Words that open sentences but never name an actor.
OPENERS = frozenset("additionally aside amid despite although overall meanwhile nevertheless nonetheless however "
                    "moreover furthermore instead still indeed ahead following according regarding including "
                    "after before during while when where if unlike like as let ok okay yes oh well please thanks "
                    "because since once whether".split())

#: Days and months: dates, not actors.
CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may "
                     "june july august september october november december".split())

#: Nationality adjectives: "Russian oil", "Western sanctions" name no actor.
DEMONYMS = frozenset("""
russian chinese american british turkish iranian indian pakistani kazakh belarusian ukrainian european western
eastern northern southern soviet asian african arab arabian israeli palestinian saudi japanese korean german
french italian spanish polish syrian iraqi afghan egyptian mexican canadian australian brazilian venezuelan
cuban uzbek kyrgyz tajik turkmen mongolian georgian armenian azerbaijani emirati qatari yemeni lebanese
jordanian libyan sudanese ethiopian nigerian kenyan vietnamese thai indonesian malaysian filipino taiwanese
hungarian serbian greek swedish finnish norwegian danish dutch belgian swiss austrian czech romanian bulgarian
croatian latvian lithuanian estonian moldovan persian eurasian latin nordic baltic balkan caucasian
central-asian muslim christian jewish hindu sunni shia shiite
""".split())

BARE_SPEECH_VERBS = frozenset("said says stated states told tells added adds warned claimed insisted argued "
                              "announced declared".split())

TITLES = frozenset("""
president vice prime minister secretary-general secretary general chancellor king queen prince premier
spokesman spokeswoman spokesperson aide leader senator sen governor gov mayor ambassador commander chief
director chairman chairwoman chair sheikh emir pope dr mr mrs ms envoy adviser advisor counterpart
representative rep speaker justice judge lawmaker minister-president foreign defence defense interior
finance deputy state official officials analyst fellow professor
""".split())

ORG_WORDS = frozenset("""
organisation organization institute institution court ministry council union nations party agency bank
committee commission association alliance forum group foundation university department office parliament
congress senate assembly government administration army navy forces force police press news times post
journal company corporation inc ltd fund federation kremlin pentagon presidency cabinet bloc network
service services guard board school college centre center authority authorities league movement front
house church
""".split())

#: Everyday country names; the first name of a line is the one shown.
_COUNTRY_LINES = """
Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|Bahamas|Bahrain
Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia|Botswana|Brazil|Brunei|Bulgaria
Burkina Faso|Burundi|Cambodia|Cameroon|Canada|Chad|Chile|China|Colombia|Congo|Costa Rica|Croatia|Cuba|Cyprus
Denmark|Djibouti|Dominican Republic|Ecuador|Egypt|El Salvador|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland
France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Guatemala|Guinea|Guyana|Haiti|Honduras|Hungary|Iceland|India
Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kosovo|Kuwait
Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi
Malaysia|Maldives|Mali|Malta|Mauritania|Mauritius|Mexico|Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique
Namibia|Nepal|Netherlands|New Zealand|Nicaragua|Niger|Nigeria|North Korea|North Macedonia|Norway|Oman|Pakistan
Palestine|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|Portugal|Qatar|Romania|Russia|Rwanda
Saudi Arabia|Senegal|Serbia|Sierra Leone|Singapore|Slovakia|Slovenia|Somalia|South Africa|South Korea
South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Togo
Tunisia|Turkmenistan|Uganda|Ukraine|Uruguay|Uzbekistan|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|England|Scotland
Wales|Vatican|Greenland|Trinidad and Tobago
"""
_ALIASES = """
United States=US,U.S.,USA,U.S.A.,America,United States of America
United Kingdom=UK,U.K.,Britain,Great Britain
Turkey=Turkiye,Türkiye
Myanmar=Burma
Czech Republic=Czechia
United Arab Emirates=UAE,U.A.E.
Russia=Russian Federation
"""


def _countries() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in _COUNTRY_LINES.strip().splitlines():
        for name in line.split("|"):
            out[name.casefold()] = name
    for line in _ALIASES.strip().splitlines():
        canonical, _, aliases = line.partition("=")
        out[canonical.casefold()] = canonical
        for alias in aliases.split(","):
            out[alias.casefold()] = canonical
    return out


#: casefolded name or alias -> the country's everyday name
COUNTRIES = _countries()

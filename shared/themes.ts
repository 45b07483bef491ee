/**
 * The seed theme taxonomy (PRODUCT.md, "Themes") and the slug rule shared by server and extension.
 * Pure TypeScript: no Node or browser imports, so both sides can use it.
 *
 * Slugs are the Dutch name in lower-case kebab case without diacritics (`themeSlug(name.nl)`), with one
 * documented exception: the main theme "NT2 (Nederlands als tweede taal)" has the short slug `nt2`.
 * Parents come before their children, so the list can be inserted in order.
 */

export interface ThemeSeed {
  slug: string;
  name: { nl: string; en: string };
  description: { nl: string; en: string };
  parent: string | null;
  synonyms: string[];
}

/** Letters that NFKD does not split into a base letter plus a combining mark. */
const LETTER_FOLDS: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
};

/**
 * The slug for a theme name: lower-case, diacritics stripped (NFKD, combining marks removed), parentheses
 * and apostrophes dropped without a break ("(Hoog)begaafdheid" → "hoogbegaafdheid", "pabo's" → "pabos"),
 * every other run of non-alphanumerics → one hyphen, no leading or trailing hyphen.
 */
export function themeSlug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => LETTER_FOLDS[letter] ?? letter)
    .replace(/['’‘`()[\]]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export const THEME_TAXONOMY: readonly ThemeSeed[] = [
  // -------------------------------------------------------------------------------------------------
  // Cultureel responsief lesgeven
  {
    slug: "cultureel-responsief-lesgeven",
    name: { nl: "Cultureel responsief lesgeven", en: "Culturally responsive teaching" },
    description: {
      nl: "Lesgeven waarin je de achtergronden, talen en ervaringen van je leerlingen gebruikt als bron voor leren, met hoge verwachtingen voor iedereen.",
      en: "Teaching that uses your pupils' backgrounds, languages and experiences as a resource for learning, with high expectations for everyone.",
    },
    parent: null,
    synonyms: [
      "culturally responsive teaching",
      "CRT",
      "culturally responsive pedagogy",
      "culturally relevant pedagogy",
      "cultureel responsief onderwijs",
      "cultuursensitief lesgeven",
      "cultuurbewust lesgeven",
    ],
  },
  {
    slug: "multiperspectiviteit",
    name: { nl: "Multiperspectiviteit", en: "Multiperspectivity" },
    description: {
      nl: "Een onderwerp vanuit meerdere perspectieven, bronnen en stemmen laten bekijken, in geschiedenis, wereldoriëntatie en elk ander vak.",
      en: "Looking at a topic through several perspectives, sources and voices, in history, social studies and any other subject.",
    },
    parent: "cultureel-responsief-lesgeven",
    synonyms: ["multiperspectivity", "multiple perspectives", "meerdere perspectieven", "multiperspectivisme"],
  },
  {
    slug: "ouderbetrokkenheid",
    name: { nl: "Ouderbetrokkenheid", en: "Parental involvement" },
    description: {
      nl: "Samenwerken met ouders en verzorgers als partners in het leren van hun kind, ook als zij de taal of het schoolsysteem nog niet goed kennen.",
      en: "Working with parents and carers as partners in their child's learning, also when they do not yet know the language or the school system well.",
    },
    parent: "cultureel-responsief-lesgeven",
    synonyms: [
      "parental involvement",
      "parent engagement",
      "family engagement",
      "ouderparticipatie",
      "educatief partnerschap",
      "samenwerken met ouders",
    ],
  },
  {
    slug: "vieringen",
    name: { nl: "Vieringen", en: "Celebrations" },
    description: {
      nl: "Feesten, vieringen en feestdagen op school zo vormgeven dat alle leerlingen en families zich erin herkennen.",
      en: "Shaping school festivals, celebrations and holidays so that every pupil and family can recognise themselves in them.",
    },
    parent: "cultureel-responsief-lesgeven",
    synonyms: ["celebrations", "feesten", "feestdagen", "feesten en vieringen", "cultural celebrations", "religieuze feestdagen"],
  },
  {
    slug: "cultureel-responsief-kunstonderwijs",
    name: { nl: "Cultureel responsief kunstonderwijs", en: "Culturally responsive arts education" },
    description: {
      nl: "Kunst- en cultuuronderwijs dat de culturele bagage van leerlingen als vertrekpunt neemt en ruimte geeft aan veel kunstvormen en tradities.",
      en: "Arts and culture education that starts from what pupils bring with them and makes room for many art forms and traditions.",
    },
    parent: "cultureel-responsief-lesgeven",
    synonyms: [
      "culturally responsive arts education",
      "cultureel responsieve kunsteducatie",
      "cultuureducatie",
      "kunsteducatie",
      "arts education",
    ],
  },

  // -------------------------------------------------------------------------------------------------
  // NT2
  {
    slug: "nt2",
    name: { nl: "NT2 (Nederlands als tweede taal)", en: "Dutch as a second language (DSL)" },
    description: {
      nl: "Nederlands leren en onderwijzen aan leerlingen voor wie Nederlands niet de eerste taal is, in de taalklas en in elk vak.",
      en: "Learning and teaching Dutch for pupils whose first language is not Dutch, in the language class and in every subject.",
    },
    parent: null,
    synonyms: [
      "Nederlands als tweede taal",
      "DSL",
      "Dutch as a second language",
      "NT-2",
      "NT2-onderwijs",
      "tweedetaalonderwijs",
      "tweedetaalverwerving",
      "second language acquisition",
    ],
  },
  {
    slug: "nieuwkomers",
    name: { nl: "Nieuwkomers", en: "Newcomers" },
    description: {
      nl: "Onderwijs aan leerlingen die kort in Nederland zijn: in de nieuwkomersklas, de ISK, de taalschool en na de overstap naar het reguliere onderwijs.",
      en: "Education for pupils who have recently arrived in the Netherlands: in newcomer classes, international transition classes, language schools and after moving on to mainstream education.",
    },
    parent: "nt2",
    synonyms: [
      "newcomers",
      "anderstalige nieuwkomers",
      "ISK",
      "internationale schakelklas",
      "nieuwkomersonderwijs",
      "nieuwkomersklas",
      "taalklas",
      "refugee pupils",
      "vluchtelingenkinderen",
    ],
  },
  {
    slug: "zachte-landing",
    name: { nl: "Zachte landing", en: "Soft landing" },
    description: {
      nl: "De eerste weken van een nieuwe leerling: veiligheid, vaste routines, een maatje en een welkom dat zegt dat hij of zij erbij hoort.",
      en: "A new pupil's first weeks: safety, fixed routines, a buddy and a welcome that says they belong.",
    },
    parent: "nt2",
    synonyms: ["soft landing", "welkom op school", "eerste opvang", "onthaal", "maatjessysteem", "buddy system"],
  },
  {
    slug: "instroom-en-intake",
    name: { nl: "Instroom en intake", en: "Enrolment and intake" },
    description: {
      nl: "Hoe een school een nieuwe leerling aanmeldt en leert kennen: intakegesprek, beginsituatie, taal- en rekenniveau en plaatsing.",
      en: "How a school enrols and gets to know a new pupil: intake interview, starting point, language and maths level, and placement.",
    },
    parent: "nt2",
    synonyms: ["intake", "instroom", "enrolment", "enrollment", "aanmelding", "instroomprotocol", "intakeprotocol", "intakegesprek"],
  },
  {
    slug: "warme-overdracht",
    name: { nl: "Warme overdracht", en: "Warm handover" },
    description: {
      nl: "Een leerling overdragen aan een volgende groep of school door met elkaar te praten, niet alleen door een dossier te sturen.",
      en: "Handing a pupil over to the next class or school by talking to each other, not just by sending a file.",
    },
    parent: "nt2",
    synonyms: ["warm handover", "overdracht", "overdrachtsgesprek", "doorstroom", "overstap", "handover", "transition"],
  },

  // -------------------------------------------------------------------------------------------------
  // Meertaligheid
  {
    slug: "meertaligheid",
    name: { nl: "Meertaligheid", en: "Multilingualism" },
    description: {
      nl: "Leerlingen die meer dan één taal spreken, en hoe je al die talen in de klas inzet als kracht voor het leren.",
      en: "Pupils who speak more than one language, and how you use all those languages in class as a strength for learning.",
    },
    parent: null,
    synonyms: [
      "multilingualism",
      "meertalig",
      "meertalige leerlingen",
      "meertalig onderwijs",
      "multilingual education",
      "tweetaligheid",
      "bilingualism",
      "translanguaging",
    ],
  },
  {
    slug: "thuistalen",
    name: { nl: "Thuistalen", en: "Home languages" },
    description: {
      nl: "De talen die leerlingen thuis spreken: hoe je ze zichtbaar maakt, waardeert en gebruikt bij het leren.",
      en: "The languages pupils speak at home: how you make them visible, value them and use them for learning.",
    },
    parent: "meertaligheid",
    synonyms: ["home languages", "home language", "thuistaal", "moedertaal", "mother tongue", "herkomsttalen", "heritage languages"],
  },
  {
    slug: "taalbewust-lesgeven",
    name: { nl: "Taalbewust lesgeven", en: "Language-aware teaching" },
    description: {
      nl: "In elk vak aandacht voor de taal van dat vak: vakbegrippen, schooltaal, en lezen, schrijven en praten in de vakles.",
      en: "Attention in every subject to the language of that subject: key terms, academic language, and reading, writing and talking in the lesson.",
    },
    parent: "meertaligheid",
    synonyms: [
      "talenbewust lesgeven",
      "language-aware teaching",
      "language-sensitive teaching",
      "taalgericht vakonderwijs",
      "taalontwikkelend lesgeven",
      "schooltaal",
      "academic language",
    ],
  },
  {
    slug: "taaldenkgesprekken",
    name: { nl: "Taaldenkgesprekken", en: "Language and thinking conversations" },
    description: {
      nl: "Gesprekken waarin je leerlingen uitdaagt om hardop te denken, te redeneren en hun ideeën onder woorden te brengen.",
      en: "Conversations in which you challenge pupils to think aloud, reason and put their ideas into words.",
    },
    parent: "meertaligheid",
    synonyms: ["taaldenkgesprek", "taal-denkgesprekken", "denkgesprekken", "dialogic teaching", "exploratory talk", "classroom dialogue"],
  },
  {
    slug: "meertalige-rekendidactiek",
    name: { nl: "Meertalige rekendidactiek", en: "Multilingual mathematics teaching" },
    description: {
      nl: "Rekenen en wiskunde geven aan meertalige leerlingen: talige opgaven, rekentaal en thuistalen als steun bij het redeneren.",
      en: "Teaching maths to multilingual pupils: word problems, the language of maths and home languages as support for reasoning.",
    },
    parent: "meertaligheid",
    synonyms: ["multilingual mathematics", "multilingual maths", "rekentaal", "taal in rekenen", "talige rekenopgaven", "contextopgaven", "verhaaltjessommen"],
  },

  // -------------------------------------------------------------------------------------------------
  // Further seed themes
  {
    slug: "diversiteit-en-inclusie",
    name: { nl: "Diversiteit en inclusie", en: "Diversity and inclusion" },
    description: {
      nl: "Een school waar verschillen tussen leerlingen en collega's gezien en gewaardeerd worden en iedereen volwaardig meedoet.",
      en: "A school where differences between pupils and colleagues are seen and valued and everyone takes part fully.",
    },
    parent: null,
    synonyms: ["diversity and inclusion", "D&I", "DEI", "diversiteit", "inclusie", "diversity", "inclusion"],
  },
  {
    slug: "kansengelijkheid",
    name: { nl: "Kansengelijkheid", en: "Equal opportunities" },
    description: {
      nl: "Ervoor zorgen dat de kansen van een leerling afhangen van talent en inzet, niet van het opleidingsniveau, inkomen of de herkomst van de ouders.",
      en: "Making sure a pupil's chances depend on talent and effort, not on their parents' education, income or background.",
    },
    parent: null,
    synonyms: [
      "kansenongelijkheid",
      "gelijke kansen",
      "gelijke onderwijskansen",
      "equal opportunities",
      "educational equity",
      "onderwijsachterstanden",
      "onderadvisering",
    ],
  },
  {
    slug: "leesonderwijs-en-begrijpend-lezen",
    name: { nl: "Leesonderwijs en begrijpend lezen", en: "Reading instruction and comprehension" },
    description: {
      nl: "Leren lezen, tekstbegrip en leesmotivatie: van technisch lezen tot het lezen van rijke teksten in alle vakken.",
      en: "Learning to read, reading comprehension and motivation: from decoding to reading rich texts in every subject.",
    },
    parent: null,
    synonyms: [
      "begrijpend lezen",
      "leesonderwijs",
      "reading comprehension",
      "reading instruction",
      "technisch lezen",
      "leesmotivatie",
      "leesbevordering",
      "leesplezier",
      "tekstbegrip",
    ],
  },
  {
    slug: "passend-onderwijs",
    name: { nl: "Passend onderwijs", en: "Appropriate education" },
    description: {
      nl: "Onderwijs en ondersteuning die passen bij wat een leerling nodig heeft, zo dicht mogelijk bij huis en liefst in de eigen klas.",
      en: "Education and support that fit what a pupil needs, as close to home as possible and preferably in their own class.",
    },
    parent: null,
    synonyms: [
      "appropriate education",
      "inclusive education",
      "inclusief onderwijs",
      "extra ondersteuning",
      "ondersteuningsbehoeften",
      "special educational needs",
      "SEN",
      "handelingsgericht werken",
    ],
  },
  {
    slug: "hoogbegaafdheid",
    name: { nl: "(Hoog)begaafdheid", en: "Giftedness" },
    description: {
      nl: "Begaafde en hoogbegaafde leerlingen herkennen, uitdagen en begeleiden, ook als hun talent niet meteen zichtbaar is.",
      en: "Recognising, challenging and guiding gifted and highly gifted pupils, including those whose talent is not immediately visible.",
    },
    parent: null,
    synonyms: [
      "hoogbegaafdheid",
      "begaafdheid",
      "hoogbegaafd",
      "meerbegaafdheid",
      "giftedness",
      "gifted education",
      "plusklas",
      "talentontwikkeling",
    ],
  },
  {
    slug: "burgerschap",
    name: { nl: "Burgerschap", en: "Citizenship education" },
    description: {
      nl: "Leerlingen voorbereiden op meedoen in een democratische, diverse samenleving: kennis, houding en het oefenen ervan op school.",
      en: "Preparing pupils to take part in a democratic, diverse society: knowledge, attitudes and practising them at school.",
    },
    parent: null,
    synonyms: ["burgerschapsonderwijs", "burgerschapsvorming", "democratisch burgerschap", "citizenship education", "citizenship", "democratie in de klas"],
  },
  {
    slug: "onderzoekende-cultuur",
    name: { nl: "Onderzoekende cultuur", en: "Culture of inquiry" },
    description: {
      nl: "Een schoolcultuur waarin leraren vragen stellen over hun praktijk, onderzoek en data gebruiken en samen leren, bijvoorbeeld in een werkplaats.",
      en: "A school culture in which teachers question their practice, use research and data and learn together, for instance in a research workplace.",
    },
    parent: null,
    synonyms: [
      "onderzoekende houding",
      "culture of inquiry",
      "inquiry culture",
      "praktijkonderzoek",
      "praktijkgericht onderzoek",
      "werkplaats onderwijsonderzoek",
      "professionele leergemeenschap",
      "PLG",
      "research-informed teaching",
    ],
  },
  {
    slug: "duurzaamheid",
    name: { nl: "Duurzaamheid", en: "Sustainability" },
    description: {
      nl: "Onderwijs over klimaat, natuur en een duurzame toekomst, en leerlingen leren daar zelf aan bij te dragen.",
      en: "Education about climate, nature and a sustainable future, and teaching pupils to contribute to it themselves.",
    },
    parent: null,
    synonyms: [
      "sustainability",
      "duurzaamheidsonderwijs",
      "education for sustainable development",
      "ESD",
      "klimaatonderwijs",
      "natuur- en milieueducatie",
      "NME",
    ],
  },
  {
    slug: "challenge-based-learning",
    name: { nl: "Challenge based learning", en: "Challenge-based learning" },
    description: {
      nl: "Leren door met echte opdrachtgevers aan een echt vraagstuk te werken, van probleemverkenning tot oplossing.",
      en: "Learning by working on a real problem for a real client, from exploring the problem to delivering a solution.",
    },
    parent: null,
    synonyms: ["CBL", "uitdagingsgericht leren", "challengegestuurd leren", "leren met challenges"],
  },
  {
    slug: "beroepsgerichte-didactiek",
    name: { nl: "Beroepsgerichte didactiek", en: "Vocational pedagogy" },
    description: {
      nl: "Lesgeven dat school en beroepspraktijk verbindt: leren op de werkplek, in hybride leeromgevingen en met beroepsechte opdrachten.",
      en: "Teaching that connects school and professional practice: workplace learning, hybrid learning environments and authentic vocational tasks.",
    },
    parent: null,
    synonyms: [
      "vocational pedagogy",
      "beroepsonderwijs",
      "werkplekleren",
      "workplace learning",
      "hybride leeromgeving",
      "hybrid learning environment",
      "leren in de beroepspraktijk",
    ],
  },
  {
    slug: "samen-opleiden",
    name: { nl: "Samen opleiden", en: "Partnership in teacher education" },
    description: {
      nl: "Scholen en lerarenopleidingen die samen studenten opleiden en samen hun leraren professionaliseren.",
      en: "Schools and teacher-education institutes that educate student teachers together and develop their teachers together.",
    },
    parent: null,
    synonyms: [
      "samen opleiden en professionaliseren",
      "opleidingsschool",
      "opleiden in de school",
      "school-based teacher education",
      "teacher education partnership",
      "werkplekbegeleiding",
      "schoolopleider",
    ],
  },
];

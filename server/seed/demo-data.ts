/**
 * Demo network and demo library: what a newcomer sees after `start --demo`. Pure data, no logic.
 *
 * Everything here is fictional: the board, the schools, the community and the people. The item URLs look
 * like pages of real Dutch education organisations so the library reads naturally, but they are demo data:
 * they are never fetched, and the texts are written for this demo (no pupil data anywhere).
 */
import type {
  CommunityKind,
  CommunityRole,
  ItemKind,
  ItemSector,
  SchoolRole,
  SchoolSector,
  UserRole,
  Visibility,
} from "../../shared/schemas";

// ---------------------------------------------------------------------------------------------------
// Shapes

export type DemoPersonKey = "teacher" | "broker" | "coordinator" | "admin";
/** The people who clip in the demo (the administrator does not). */
export type DemoSaverKey = Exclude<DemoPersonKey, "admin">;
export type DemoSchoolKey = "po" | "vo" | "mbo";
export type DemoCommunityKey = "meertaligheid";

export interface DemoSchool {
  key: DemoSchoolKey;
  name: string;
  sector: SchoolSector;
  region: string;
  /** Place name, for the reader of this file; not stored. */
  place: string;
}

export interface DemoCommunity {
  key: DemoCommunityKey;
  name: string;
  kind: CommunityKind;
  description: string;
  open: boolean;
}

export interface DemoPerson {
  key: DemoPersonKey;
  name: string;
  email: string;
  /** Demo sign-in, printed at start; at least 10 characters (the Password schema). */
  password: string;
  /** What this person does, in Dutch, for the reader of this file and the start banner. */
  position: string;
  roles: readonly UserRole[];
  schools: readonly { school: DemoSchoolKey; role: SchoolRole }[];
  communities: readonly { community: DemoCommunityKey; role: CommunityRole }[];
}

export interface DemoVideo {
  provider: "youtube" | "vimeo";
  id: string;
  durationSeconds: number;
  embedUrl: string;
}

export interface DemoItem {
  url: string;
  title: string;
  kind: ItemKind;
  siteName: string;
  author?: string;
  /** YYYY-MM-DD */
  publishedAt?: string;
  language: "nl" | "en";
  excerpt: string;
  /** The readable text, as a clip would carry it (paragraphs separated by a blank line). */
  text: string;
  /** Slugs from THEME_TAXONOMY. */
  themes: string[];
  tags: string[];
  sector: ItemSector[];
  /** "Wat kan ik ermee?" in the saver's own voice. */
  note: string;
  savedBy: DemoSaverKey;
  visibility: Visibility;
  /** Set exactly when visibility is "community". */
  communityKey?: DemoCommunityKey;
  /** Set exactly when visibility is "school": the saver's school. */
  schoolKey?: DemoSchoolKey;
  video?: DemoVideo;
  /** The saver marked it toegepast, and whether it worked. */
  outcome?: { applied: boolean; worked: "yes" | "no" | "untested" };
}

export interface DemoExtraSave {
  itemUrl: string;
  savedBy: DemoSaverKey;
  note: string;
  visibility: Visibility;
  themes: string[];
}

const paragraphs = (...parts: string[]): string => parts.join("\n\n");

/** The clip a demo item stands for, as POST /api/v1/items takes it (its school or community is added by the seeder). */
export function demoItemRequest(item: DemoItem) {
  return {
    url: item.url,
    title: item.title,
    kind: item.kind,
    language: item.language,
    text: item.text,
    meta: {
      siteName: item.siteName,
      author: item.author ?? null,
      publishedAt: item.publishedAt ?? null,
      excerpt: item.excerpt,
      video: item.video ?? null,
    },
    themes: item.themes,
    tags: item.tags,
    note: item.note,
    sector: item.sector,
    visibility: item.visibility,
  };
}

// ---------------------------------------------------------------------------------------------------
// The network

export const DEMO_BESTUUR = "Stichting Kempenland Onderwijs";
export const DEMO_REGION = "Brainport";

export const DEMO_SCHOOLS: readonly DemoSchool[] = [
  { key: "po", name: "Kindcentrum De Zonnewijzer", sector: "po", region: DEMO_REGION, place: "Eindhoven" },
  { key: "vo", name: "Zuiderlicht College", sector: "vo", region: DEMO_REGION, place: "Veldhoven" },
  { key: "mbo", name: "Brainport Vakcollege", sector: "mbo", region: DEMO_REGION, place: "Helmond" },
];

export const DEMO_COMMUNITY: DemoCommunity = {
  key: "meertaligheid",
  name: "Leergemeenschap Meertaligheid Zuidoost-Brabant",
  kind: "leergemeenschap",
  description:
    "Leraren, ib'ers en lerarenopleiders uit po en vo die samen uitzoeken hoe je de talen van leerlingen inzet bij het leren. We komen zes keer per jaar bij elkaar, proberen tussendoor iets uit in de eigen klas en delen hier wat werkte en wat niet.",
  open: true,
};

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    key: "teacher",
    name: "Sanne van den Broek",
    email: "leraar@demo.knooppunt.nl",
    password: "demo-leraar-2026",
    position: "leerkracht groep 5/6, Kindcentrum De Zonnewijzer",
    roles: [],
    schools: [{ school: "po", role: "member" }],
    communities: [{ community: "meertaligheid", role: "member" }],
  },
  {
    key: "broker",
    name: "Youssef El Idrissi",
    email: "makelaar@demo.knooppunt.nl",
    password: "demo-makelaar-2026",
    position: "kennismakelaar meertaligheid en NT2, regio Brainport",
    roles: ["broker"],
    schools: [],
    communities: [{ community: "meertaligheid", role: "owner" }],
  },
  {
    key: "coordinator",
    name: "Marieke Verhoeven",
    email: "coordinator@demo.knooppunt.nl",
    password: "demo-coordinator-2026",
    position: "schoolopleider en onderzoekscoördinator, Zuiderlicht College",
    roles: [],
    schools: [{ school: "vo", role: "coordinator" }],
    communities: [],
  },
  {
    key: "admin",
    name: "Joost Hendriks",
    email: "beheerder@demo.knooppunt.nl",
    password: "demo-beheerder-2026",
    position: "netwerkbeheerder, Stichting Kempenland Onderwijs",
    roles: ["admin"],
    schools: [],
    communities: [],
  },
];

// ---------------------------------------------------------------------------------------------------
// The library

export const DEMO_ITEMS: DemoItem[] = [
  // ----- Cultureel responsief lesgeven -----------------------------------------------------------
  {
    url: "https://wij-leren.nl/cultureel-responsief-lesgeven.php",
    title: "Cultureel responsief lesgeven: wat is het en waar begin je?",
    kind: "artikel",
    siteName: "Wij-leren.nl",
    publishedAt: "2023-03-14",
    language: "nl",
    excerpt:
      "Cultureel responsief lesgeven is geen multiculturele themaweek, maar een manier van elke dag lesgeven: met hoge verwachtingen, met kennis van je leerlingen en met oog voor wie er in je lesmateriaal wel en niet te zien is.",
    text: paragraphs(
      "Cultureel responsief lesgeven (in het Engels culturally responsive teaching) komt voort uit het werk van onderwijsonderzoekers als Gloria Ladson-Billings en Geneva Gay. Hun vertrekpunt is eenvoudig: leerlingen leren beter als het onderwijs aansluit bij wat zij al weten, kunnen en meemaken. De culturele achtergrond van een leerling is dan geen probleem dat je moet oplossen, maar een bron waarop je kunt voortbouwen.",
      "In de praktijk draait het om drie dingen. Ten eerste hoge verwachtingen: je gaat ervan uit dat iedere leerling de lesstof kan beheersen en je biedt de steun die daarvoor nodig is, in plaats van de lat lager te leggen. Ten tweede culturele competentie: je kent je leerlingen, hun talen en hun leefwereld, en je laat die terugkomen in voorbeelden, teksten en opdrachten. Ten derde kritisch bewustzijn: je bespreekt met leerlingen wiens verhaal in een boek of bron verteld wordt, en wiens verhaal ontbreekt.",
      "Waar begin je? Veel scholen starten klein. Kijk met een collega kritisch naar één lessenserie: wie zien leerlingen in de afbeeldingen, welke namen staan in de sommen, welke voorbeelden gaan uit van een vakantie die niet elk gezin heeft? Voer in de eerste weken van het schooljaar kennismakingsgesprekken waarin je ook vraagt welke talen een leerling spreekt en waar hij of zij trots op is. En bespreek in je team welke verwachtingen je uitspreekt, bijvoorbeeld bij het schooladvies.",
      "Cultureel responsief lesgeven is geen extra vak en geen lijstje activiteiten. Het is een manier van kijken naar je eigen lessen. Juist daarom werkt het het best als een team er samen aan werkt, met ruimte om fouten te maken en van elkaar te leren.",
    ),
    themes: ["cultureel-responsief-lesgeven", "diversiteit-en-inclusie", "kansengelijkheid"],
    tags: ["hoge verwachtingen", "lesmateriaal", "kennismaken"],
    sector: ["po", "vo", "mbo"],
    note: "Goed startpunt voor onze teamvergadering. De vraag 'wie zie je in de afbeeldingen?' ga ik met mijn duo stellen bij de methode wereldoriëntatie van groep 6. Kost een kwartier en levert meteen een gesprek op.",
    savedBy: "teacher",
    visibility: "public",
  },
  {
    url: "https://www.youtube.com/watch?v=Xq7mR2pLk9T",
    title: "Kennisclip: hoge verwachtingen in een diverse klas (6 minuten)",
    kind: "kennisclip",
    siteName: "YouTube",
    author: "Kenniskring Kansrijk Lesgeven Brabant",
    publishedAt: "2024-01-29",
    language: "nl",
    excerpt:
      "Waarom verwachtingen van leraren ertoe doen, hoe lage verwachtingen zich onbewust laten zien, en drie dingen die je morgen in je les anders kunt doen.",
    text: paragraphs(
      "In deze kennisclip van zes minuten legt een lerarenopleider uit waarom de verwachtingen van leraren ertoe doen. Het bekende Pygmalion-onderzoek uit de jaren zestig liet al zien dat verwachtingen doorwerken in hoe leraren met leerlingen omgaan. Later onderzoek nuanceert hoe groot dat effect is, maar bevestigt dat het bestaat en dat het niet voor alle leerlingen even sterk is.",
      "De clip laat zien hoe lage verwachtingen zich vaak onbewust uiten: minder wachttijd na een vraag, eenvoudiger vragen, sneller het antwoord voorzeggen, minder feedback op de inhoud en meer op gedrag. Leerlingen merken dat verschil haarfijn en passen hun eigen inzet erop aan.",
      "Daarna volgen drie concrete handelingen. Geef iedere leerling dezelfde denktijd en gebruik wisbordjes of beurtstokjes, zodat niet alleen de snelle leerlingen antwoorden. Stel aan iedereen vragen die tot nadenken aanzetten en bied steun in de vorm van zinsstarters in plaats van een makkelijkere vraag. En geef feedback die zegt: 'Ik weet dat jij dit kunt, dit is de volgende stap.'",
      "De clip eindigt met een opdracht voor een teamvergadering: observeer een les van een collega en turf wie er beurten krijgt en welke vragen er gesteld worden. Het gesprek daarna is vaak verrassend.",
    ),
    themes: ["cultureel-responsief-lesgeven", "kansengelijkheid"],
    tags: ["hoge verwachtingen", "wachttijd", "teamvergadering"],
    sector: ["po", "vo", "mbo", "hbo"],
    note: "Heb ik in de leergemeenschap laten zien als opwarmer. De turfopdracht (wie krijgt de beurt?) is simpel en confronterend: collega's wilden het meteen zelf proberen.",
    savedBy: "broker",
    visibility: "network",
    video: {
      provider: "youtube",
      id: "Xq7mR2pLk9T",
      durationSeconds: 372,
      embedUrl: "https://www.youtube.com/embed/Xq7mR2pLk9T",
    },
  },
  {
    url: "https://www.slo.nl/thema/meer/multiperspectiviteit/lesideeen-geschiedenis/",
    title: "Lesideeën multiperspectiviteit: het slavernijverleden vanuit meerdere stemmen",
    kind: "lesmateriaal",
    siteName: "SLO",
    publishedAt: "2023-06-20",
    language: "nl",
    excerpt:
      "Drie lesideeën voor de bovenbouw van het po en de onderbouw van het vo waarin leerlingen bronnen uit verschillende perspectieven naast elkaar leggen en leren vragen: wie vertelt dit verhaal, en waarom zo?",
    text: paragraphs(
      "Multiperspectiviteit betekent dat leerlingen een gebeurtenis vanuit meerdere gezichtspunten leren bekijken. Bij geschiedenis gaat het dan niet om het kiezen van de 'juiste' kant, maar om het begrijpen dat bronnen gemaakt zijn door mensen met een eigen positie, belang en kennis. Dat is een kernvaardigheid van historisch denken en tegelijk een bouwsteen van burgerschap.",
      "Lesidee 1, 'Drie stemmen': leerlingen krijgen in groepjes een fragment uit het logboek van een scheepskapitein, een getuigenis van een tot slaaf gemaakte vrouw en een advertentie uit een krant van die tijd. Ze beantwoorden per bron vier vragen: wie maakte dit, voor wie, wat wil de maker dat je denkt, en wat zie je niet? Daarna vergelijken ze de antwoorden klassikaal.",
      "Lesidee 2, 'Het standbeeld': leerlingen onderzoeken een standbeeld of straatnaam in hun eigen omgeving en zoeken uit hoe er vroeger en nu over gedacht wordt. Ze sluiten af met een kort pleidooi of een informatiebordje dat meerdere perspectieven recht doet.",
      "Lesidee 3, 'Familieverhalen': leerlingen vragen thuis naar een verhaal over migratie, werk of een belangrijke gebeurtenis. Zo komen perspectieven de klas binnen die niet in het lesboek staan. Maak deelname vrijwillig en bespreek vooraf met de klas hoe je respectvol met elkaars verhalen omgaat.",
      "Bij elk lesidee staan aandachtspunten voor gesprekken over gevoelige onderwerpen: spreek gespreksregels af, laat emoties toe, en maak onderscheid tussen feiten en meningen.",
    ),
    themes: ["multiperspectiviteit", "cultureel-responsief-lesgeven", "burgerschap"],
    tags: ["geschiedenis", "slavernijverleden", "historisch denken", "bronnen"],
    sector: ["po", "vo"],
    note: "Doorgestuurd naar de sectie geschiedenis: lesidee 1 past bij het hoofdstuk over de handel in de zeventiende eeuw in klas 2. Mooi om te doen in de week voor Keti Koti (1 juli).",
    savedBy: "coordinator",
    visibility: "network",
  },
  {
    url: "https://www.nji.nl/ouderbetrokkenheid/anderstalige-ouders-betrekken",
    title: "Anderstalige ouders betrekken bij school: zo doe je dat",
    kind: "artikel",
    siteName: "Nederlands Jeugdinstituut",
    publishedAt: "2022-10-04",
    language: "nl",
    excerpt:
      "Ouders die het Nederlands nog niet goed beheersen zijn net zo betrokken bij hun kind als andere ouders, maar de school bereikt hen vaak slecht. Met een paar aanpassingen in communicatie en contactmomenten verandert dat.",
    text: paragraphs(
      "Betrokkenheid van ouders bij het leren van hun kind hangt samen met betere schoolresultaten en meer welbevinden. Daarbij gaat het vooral om betrokkenheid thuis: interesse tonen, praten over school, verwachtingen uitspreken. Ouders die het Nederlands (nog) niet goed spreken doen dat vaak al, maar komen minder op school en worden door de school minder goed bereikt. Dan ontstaat al snel het misverstand dat ze 'niet betrokken' zijn.",
      "Begin bij de communicatie. Lange nieuwsbrieven en berichten in de schoolapp vol schooltaal komen niet aan. Schrijf kort, met één boodschap per bericht, gebruik pictogrammen of een foto, en kijk of de app een vertaalfunctie heeft. Belangrijke gesprekken, zoals over het schooladvies of zorgen over een kind, voer je met een professionele tolk. Laat nooit een broer, zus of de leerling zelf tolken: dat zet een kind in een onmogelijke positie.",
      "Maak contact laagdrempelig en wederkerig. Een koffieochtend waar ouders elkaar ontmoeten, een inloop aan het begin van de dag of een huisbezoek in de eerste weken werkt vaak beter dan een formele ouderavond. Vraag ouders wat zij over hun kind weten en wat zij belangrijk vinden; zo wordt het een gesprek tussen partners in plaats van een voorlichting.",
      "Laat ouders zien hoe ze thuis kunnen helpen, ook in hun eigen taal. Voorlezen, samen koken en praten over de dag in de thuistaal ondersteunen de taalontwikkeling ook. Ouders die dat horen zijn vaak opgelucht: ze dachten dat ze thuis Nederlands moesten spreken.",
    ),
    themes: ["ouderbetrokkenheid", "thuistalen", "meertaligheid"],
    tags: ["ouders", "tolk", "communicatie", "schoolapp"],
    sector: ["po", "vo"],
    note: "Wij laten in de brugklas nog te vaak een leerling tolken bij oudergesprekken. Ik neem het punt over tolken mee naar het mentorenoverleg en vraag de teamleider om budget voor een tolkdienst.",
    savedBy: "coordinator",
    visibility: "network",
  },
  {
    url: "https://www.onderwijsmaakjesamen.nl/praktijkverhalen/een-vieringenkalender-voor-iedereen/",
    title: "Eén kalender, álle feesten: hoe een basisschool haar vieringen opnieuw vormgaf",
    kind: "praktijkvoorbeeld",
    siteName: "Onderwijs maak je samen",
    publishedAt: "2024-01-18",
    language: "nl",
    excerpt:
      "Een basisschool in een diverse wijk zette ouders, leerlingen en team aan tafel om te bepalen welke feesten de school viert en hoe. Het resultaat: een vieringenkalender waarin iedereen zich herkent, zonder dat Sinterklaas of Kerst verdwijnen.",
    text: paragraphs(
      "Op deze basisschool spreken de leerlingen samen meer dan twintig talen. Toch draaide het vieringenjaar lange tijd om Sinterklaas, Kerst en Pasen. 'Niemand had daar bewust voor gekozen,' vertelt de intern begeleider, 'het was altijd zo gegaan.' Toen een leerling vroeg waarom het Suikerfeest op school nooit genoemd werd, besloot het team het gesprek aan te gaan.",
      "De school organiseerde drie avonden met ouders, leerlingen uit de leerlingenraad en leerkrachten. De vraag was niet 'welke feesten schrappen we?', maar 'wat willen we samen vieren, en waarom?'. Daaruit kwamen drie afspraken. Vieringen die de hele school samen viert, blijven bestaan. Feesten die voor een deel van de leerlingen belangrijk zijn, zoals het Suikerfeest, het Offerfeest, Diwali, Chinees Nieuwjaar en Keti Koti, krijgen een plek op de kalender: de klas besteedt er aandacht aan, en leerlingen die het vieren mogen erover vertellen of iets meenemen als ze dat willen. En voor verlof bij religieuze feestdagen geldt één heldere regel, die in alle talen van de school op de website staat.",
      "Het team merkte dat leerlingen trots zijn als hun feest gezien wordt, maar ook dat je niemand tot woordvoerder van een cultuur moet maken. Een leerling die geen zin heeft om over het Offerfeest te vertellen, hoeft dat niet. Ouders bleken graag te helpen: met verhalen, hapjes en soms een complete workshop.",
      "De lessen van de school: begin met vragen in plaats van met een plan, leg afspraken vast zodat ze een personeelswisseling overleven, en evalueer elk jaar met de leerlingenraad.",
    ),
    themes: ["vieringen", "cultureel-responsief-lesgeven", "ouderbetrokkenheid"],
    tags: ["feestdagen", "leerlingenraad", "ouders", "kalender"],
    sector: ["po"],
    note: "Onze kalender is precies zo 'vanzelf' ontstaan. Voorstel voor de werkgroep vieringen: de drie afspraken als startpunt nemen en in oktober één ouderavond houden met dezelfde vraag: wat willen we samen vieren?",
    savedBy: "teacher",
    visibility: "school",
    schoolKey: "po",
  },
  {
    url: "https://www.lkca.nl/artikel/cultureel-responsief-kunstonderwijs-verkenning/",
    title: "Wat leerlingen meenemen naar de kunstles: een verkenning van cultureel responsief kunstonderwijs",
    kind: "onderzoek",
    siteName: "LKCA",
    publishedAt: "2023-11-09",
    language: "nl",
    excerpt:
      "Leerlingen brengen veel culturele ervaring mee die in de kunstles onzichtbaar blijft. Kunstvakdocenten die daar bewust en open naar vragen, zien meer betrokkenheid – en een breder beeld van wat kunst is.",
    text: paragraphs(
      "Cultureel responsief kunstonderwijs vraagt hoe de kunstles aansluit bij de culturele leefwereld van leerlingen: de muziek die ze thuis horen, de dansen op familiefeesten, de patronen in textiel, de verhalen van grootouders, maar ook games, mode en straatcultuur. In deze verkenning spraken onderzoekers met kunstvakdocenten in het primair en voortgezet onderwijs en met groepen leerlingen.",
      "Een eerste beeld: leerlingen hebben veel culturele ervaring die in de kunstles niet ter sprake komt. Ze zien school en thuis als gescheiden werelden en verwachten niet dat hun eigen cultuur 'kunst' mag heten. Docenten willen wel aansluiten, maar zijn bang het verkeerd te doen of leerlingen vast te pinnen op een herkomst.",
      "Docenten die er wel in slagen, doen vooral drie dingen. Ze vragen open naar wat leerlingen zelf maken, luisteren en mooi vinden, zonder aan te nemen dat dat met hun herkomst samenhangt. Ze laten een brede canon zien: naast Rembrandt en Mondriaan ook kunstenaars uit andere tradities en van nu. En ze geven leerlingen de rol van expert, bijvoorbeeld door een klasgenoot een dans of techniek te laten voordoen.",
      "De verkenning eindigt met vragen voor een team of sectie: welke kunstenaars komen in ons programma voor, en wie ontbreekt? Wanneer hebben leerlingen voor het laatst iets uit hun eigen leefwereld mogen inbrengen? En hoe beoordelen we werk dat buiten onze eigen smaak valt?",
    ),
    themes: ["cultureel-responsief-kunstonderwijs", "cultureel-responsief-lesgeven"],
    tags: ["kunstvakken", "muziek", "canon", "leerling als expert"],
    sector: ["po", "vo"],
    note: "Handig voor secties CKV en muziek: de drie vragen aan het eind zijn een kant-en-klare opening voor een sectieoverleg. Ik bundel dit met de clip over hoge verwachtingen.",
    savedBy: "broker",
    visibility: "public",
  },
  {
    url: "https://www.uu.nl/en/news/culturally-responsive-teaching-what-the-research-says",
    title: "Culturally responsive teaching: what the research says, and what it does not",
    kind: "artikel",
    siteName: "Utrecht University",
    publishedAt: "2024-05-02",
    language: "en",
    excerpt:
      "A short review for teacher educators: culturally responsive teaching is promising and well grounded in theory, but the evidence is mostly small-scale and qualitative. What does that mean for schools that want to start?",
    text: paragraphs(
      "Culturally responsive teaching has become a popular term in Dutch schools and teacher education. The idea goes back to the work of Gloria Ladson-Billings on culturally relevant pedagogy and of Geneva Gay on culturally responsive teaching: teaching that builds on pupils' cultural knowledge, holds high expectations for everyone and helps pupils look critically at the world.",
      "What does the research say? Many studies describe classrooms and teachers in depth and report more engagement, a stronger sense of belonging and better relationships between teachers and pupils. Fewer studies measure effects on achievement, and those that do are often small or set in the United States, where schools differ a great deal from the Netherlands. The honest conclusion is that the approach is promising, but that we know less about what works for whom than enthusiasts sometimes suggest.",
      "For schools this suggests a practical stance. Start with the parts that are supported by broader research, such as high expectations, strong relationships and explicit support for academic language. Treat the rest as a question to investigate in your own school, for example in a research workplace or a professional learning community: try one change, listen to what pupils say and compare their work before and after.",
      "Teacher educators can model this by discussing their own course materials with student teachers and by asking in every placement school: whose knowledge counts in this classroom?",
    ),
    themes: ["cultureel-responsief-lesgeven", "onderzoekende-cultuur", "samen-opleiden"],
    tags: ["evidence", "review", "teacher education"],
    sector: ["hbo", "wo"],
    note: "Eerlijk stuk: het bewijs is veelbelovend maar vooral kwalitatief. Ik gebruik het in de werkplaats om te laten zien waarom we onze aanpak zelf willen onderzoeken in plaats van hem alleen 'in te voeren'.",
    savedBy: "broker",
    visibility: "public",
  },

  // ----- NT2 -----------------------------------------------------------------------------------------
  {
    url: "https://www.lowan.nl/vo/instroom-en-intake/voorbeeld-instroomprotocol/",
    title: "Voorbeeld NT2-instroomprotocol voor nieuwkomers in het vo",
    kind: "protocol",
    siteName: "LOWAN",
    publishedAt: "2024-02-12",
    language: "nl",
    excerpt:
      "Een stappenplan voor de eerste weken van een anderstalige nieuwkomer: aanmelding, intakegesprek met tolk, beginsituatie vaststellen, plaatsing en een vast evaluatiemoment na zes weken.",
    text: paragraphs(
      "Dit voorbeeldprotocol beschrijft hoe een school voor voortgezet onderwijs een anderstalige nieuwkomer laat instromen. Het is een vertrekpunt: iedere school past het aan de eigen situatie aan, bijvoorbeeld aan de vraag of er een ISK in de buurt is of dat de leerling direct in een reguliere klas instroomt met extra NT2-ondersteuning.",
      "Stap 1, aanmelding: de leerlingadministratie legt de basisgegevens vast en plant binnen vijf schooldagen een intakegesprek. Stap 2, intakegesprek: een vaste intaker voert het gesprek met de leerling en de ouders, met een professionele tolk. Onderwerpen: de eerdere schoolloopbaan, de talen die de leerling spreekt en leest, sterke vakken en interesses, gezondheid, en wat de familie belangrijk vindt. Vraag naar schoolrapporten, maar maak de plaatsing er niet van afhankelijk.",
      "Stap 3, beginsituatie: binnen de eerste twee weken worden geletterdheid (in de eigen taal en in het Latijnse schrift), rekenvaardigheid en het niveau Nederlands vastgesteld. Gebruik waar mogelijk materiaal in de thuistaal, zodat je meet wat de leerling kan en niet alleen wat hij of zij in het Nederlands kan laten zien.",
      "Stap 4, plaatsing en plan: op basis van de intake stelt het team een ontwikkelingsperspectief of groeiplan op, met doelen voor Nederlands en voor de vakken, een mentor en een maatje. Stap 5, evaluatie: na zes weken en daarna elke periode bespreekt het team de voortgang met leerling en ouders. Spreek ook af wie de warme overdracht verzorgt als de leerling doorstroomt.",
    ),
    themes: ["instroom-en-intake", "nieuwkomers", "nt2"],
    tags: ["protocol", "intake", "tolk", "beginsituatie", "ontwikkelingsperspectief"],
    sector: ["vo"],
    note: "Ons eigen instroomprotocol is hierop gebaseerd. Verschil: wij evalueren na vier weken, omdat onze periodes korter zijn. Collega's: lees vooral stap 3 nog eens voordat je een nieuwkomer in je klas krijgt.",
    savedBy: "coordinator",
    visibility: "school",
    schoolKey: "vo",
  },
  {
    url: "https://www.lowan.nl/vo/doorstroom/protocol-warme-overdracht-isk/",
    title: "Protocol warme overdracht van ISK naar vervolgonderwijs",
    kind: "protocol",
    siteName: "LOWAN",
    publishedAt: "2023-09-05",
    language: "nl",
    excerpt:
      "Een overdrachtsdossier is niet genoeg. Dit protocol beschrijft het gesprek tussen de ISK-mentor, de leerling en de nieuwe school, en wat er na de overstap nog nodig is.",
    text: paragraphs(
      "Leerlingen stromen na hun tijd op de internationale schakelklas, vaak na een tot twee jaar, door naar het reguliere vo, het mbo of de entreeopleiding. Die overstap is kwetsbaar: de leerling verlaat een vertrouwde omgeving waar iedereen wist dat Nederlands een tweede taal is, en komt in een klas waar dat niet vanzelfsprekend is. Een warme overdracht helpt om uitval te voorkomen.",
      "Voor de overstap stelt de ISK-mentor met de leerling een portret op: wat kan ik, wat vind ik moeilijk, wat helpt mij? Het dossier bevat daarnaast het taalniveau per vaardigheid, de rekenresultaten, de eerdere schoolervaring en de ondersteuning die werkte. Het overdrachtsgesprek vindt plaats op de nieuwe school, met de leerling erbij, de ISK-mentor, de nieuwe mentor en – als de familie dat wil – de ouders.",
      "Bespreek tijdens het gesprek niet alleen wat de leerling nog niet kan, maar ook wat hij of zij in korte tijd allemaal geleerd heeft. Maak concrete afspraken: welke vakdocenten weten dat de leerling Nederlands als tweede taal leert, welke hulpmiddelen mag de leerling gebruiken (bijvoorbeeld een vertaalwoordenboek bij toetsen), en bij wie kan hij of zij terecht?",
      "Na de overstap neemt de ISK-mentor na zes tot acht weken contact op met de nieuwe mentor voor een korte terugkoppeling, en na het eerste rapport nog een keer. Die terugkoppeling helpt ook de ISK om het eigen onderwijs te verbeteren.",
    ),
    themes: ["warme-overdracht", "nieuwkomers", "nt2"],
    tags: ["protocol", "isk", "overstap", "doorstroom"],
    sector: ["vo", "mbo"],
    note: "Het portret dat de leerling zelf maakt, is het sterkste deel. Ik bied dit aan scholen die nu vooral digitale dossiers uitwisselen. De terugkoppeling na zes weken is de afspraak die het vaakst vergeten wordt.",
    savedBy: "broker",
    visibility: "network",
  },
  {
    url: "https://www.platformnt2.nl/artikelen/zachte-landing-de-eerste-zes-weken",
    title: "Zachte landing: ideeën voor de eerste zes weken van een nieuwkomer in je klas",
    kind: "artikel",
    siteName: "Platform NT2",
    author: "Redactie Platform NT2",
    publishedAt: "2024-08-27",
    language: "nl",
    excerpt:
      "Een nieuwkomer in je reguliere klas? Dit zijn de ideeën die leerkrachten het vaakst noemen voor een zachte landing: een maatje, een vaste plek, pictogrammen, de stille periode respecteren en vanaf dag één meedoen.",
    text: paragraphs(
      "Een nieuwe leerling die nog geen Nederlands spreekt, komt in een wereld vol geluiden, regels en gewoontes die hij of zij niet kent. De eerste weken bepalen voor een groot deel of de leerling zich veilig voelt, en zonder veiligheid komt leren niet op gang. Een zachte landing hoeft niet ingewikkeld te zijn.",
      "Week 1: regel een maatje – bij voorkeur één klasgenoot die dezelfde taal spreekt en één die dat niet doet. Geef de leerling een vaste plek en een dagritme met pictogrammen. Leer zelf de naam van de leerling goed uitspreken, en een paar woorden in zijn of haar taal, zoals 'goedemorgen' en 'goed gedaan'. Laat de klas ook een paar woorden leren.",
      "Week 2 tot en met 4: veel nieuwkomers zeggen in het begin weinig. Die stille periode is normaal: de leerling luistert en verzamelt taal. Dwing niet tot praten, maar geef steeds de kans, bijvoorbeeld door te laten wijzen, tekenen of antwoorden in de eigen taal. Laat de leerling zo veel mogelijk meedoen met de gewone lessen: rekenen, gym, tekenen en muziek lukken vaak al snel.",
      "Week 5 en 6: plan een gesprek met de ouders, met tolk, en vraag wat zij thuis merken. Bekijk met de NT2-specialist of de intern begeleider welke woordenschat nu voorrang heeft. En vier de kleine successen: het eerste zinnetje, de eerste vriendschap, het eerste grapje in het Nederlands.",
    ),
    themes: ["zachte-landing", "nieuwkomers", "nt2"],
    tags: ["stille periode", "maatje", "pictogrammen", "eerste weken"],
    sector: ["po", "vo"],
    note: "Bij een nieuwkomer in mijn groep maakte ik me zorgen omdat hij de eerste maand bijna niets zei. Na dit artikel heb ik dat losgelaten en hem een wisbordje gegeven om te tekenen en te wijzen; in week vijf kwamen de eerste zinnen. Werkte voor ons.",
    savedBy: "teacher",
    visibility: "public",
    outcome: { applied: true, worked: "yes" },
  },
  {
    url: "https://www.youtube.com/watch?v=b4NwTz8cQe1",
    title: "Kennisclip: het intakegesprek met een anderstalige nieuwkomer en de ouders",
    kind: "kennisclip",
    siteName: "YouTube",
    author: "Expertisenetwerk Nieuwkomers Brabant",
    publishedAt: "2024-04-15",
    language: "nl",
    excerpt:
      "In acht minuten: hoe bereid je een intakegesprek met tolk voor, welke vragen stel je, en waarom vraag je expliciet naar wat een leerling al kan?",
    text: paragraphs(
      "Deze kennisclip volgt een nagespeeld intakegesprek op een basisschool. De intern begeleider spreekt met een moeder en haar zoon van negen, met een telefoontolk. Tussendoor legt een NT2-specialist uit waarom ze bepaalde keuzes maakt.",
      "Voorbereiding: plan ruim tijd, minstens drie kwartier. Regel een professionele tolk en spreek met de tolk af dat alles letterlijk vertaald wordt. Zorg voor een rustige ruimte en iets te drinken. Leg aan het begin uit wat het doel is: we willen uw kind leren kennen, zodat we goed onderwijs kunnen geven.",
      "De vragen: welke scholen heeft uw kind bezocht, en hoe lang? Welke talen spreekt het, met wie en waarover? Kan het lezen en schrijven in een van die talen, en in welk schrift? Wat doet het graag, waar is het goed in? Is er iets waarover u zich zorgen maakt? De specialist benadrukt: vraag naar wat een kind kan, niet alleen naar problemen. Een leerling die in de eigen taal vlot leest, leert meestal sneller lezen in het Nederlands.",
      "Afsluiting: vertel wat de volgende stappen zijn, wanneer het kind begint en wanneer u elkaar weer spreekt. Geef informatie mee in een taal die de ouders lezen, of met pictogrammen. De vragenlijst uit de clip staat in de beschrijving onder de video.",
    ),
    themes: ["instroom-en-intake", "nieuwkomers", "ouderbetrokkenheid"],
    tags: ["intakegesprek", "tolk", "intern begeleider", "beginsituatie"],
    sector: ["po"],
    note: "Laat ik zien aan nieuwe ib'ers in het netwerk. De vragenlijst uit minuut 4 staat ook in de beschrijving onder de video en is direct bruikbaar.",
    savedBy: "broker",
    visibility: "network",
    video: {
      provider: "youtube",
      id: "b4NwTz8cQe1",
      durationSeconds: 498,
      embedUrl: "https://www.youtube.com/embed/b4NwTz8cQe1",
    },
  },
  {
    url: "https://www.taalklas.nl/woordenschat/thema-school-woordkaarten/",
    title: "Woordkaarten thema 'De school' voor nieuwkomers, met plaatjes en voorbeeldzinnen",
    kind: "lesmateriaal",
    siteName: "Taalklas.nl",
    publishedAt: "2022-09-01",
    language: "nl",
    excerpt:
      "Een set van honderd woordkaarten met plaatje, lidwoord en voorbeeldzin over het thema school, voor de eerste weken in de nieuwkomersklas of in een reguliere groep.",
    text: paragraphs(
      "Deze set woordkaarten bevat de woorden die een nieuwkomer in de eerste weken op school het meest nodig heeft: de klas, de gang, het toilet, de gymzaal, het schrift, de liniaal, de pauze, de juf, de meester en de conciërge. Elke kaart heeft een duidelijke foto, het woord met lidwoord (de of het) en een korte voorbeeldzin in de tegenwoordige tijd.",
      "De kaarten volgen de viertakt van Verhallen: voorbewerken, semantiseren, consolideren en controleren. Bij elke kaart staat een suggestie om het woord uit te beelden of aan te wijzen, en een spel om het woord te herhalen, zoals memory, 'wie ben ik?' of een speurtocht door de school.",
      "Tip: hang de kaarten bij de dingen zelf in de klas, zodat de leerling ze steeds ziet. Laat de leerling op de achterkant het woord in de eigen taal schrijven, of vraag een ouder dat te doen. Zo bouwt de leerling een eigen tweetalig woordenboek en maak je de thuistaal zichtbaar.",
      "De set is gratis te downloaden als pdf en als bewerkbaar bestand, zodat je kaarten kunt toevoegen voor je eigen school, bijvoorbeeld met een foto van het eigen schoolplein.",
    ),
    themes: ["nt2", "nieuwkomers", "thuistalen"],
    tags: ["woordenschat", "viertakt", "woordkaarten", "beeldmateriaal"],
    sector: ["po"],
    note: "Geprint, gelamineerd en aangevuld met foto's van onze eigen gang en gymzaal. De achterkant in de thuistaal laten invullen door ouders werkte verrassend goed als eerste contact.",
    savedBy: "teacher",
    visibility: "network",
  },
  {
    url: "https://www.onderwijskennis.nl/kennisbank/wat-werkt-bij-onderwijs-aan-nieuwkomers",
    title: "Wat werkt bij onderwijs aan nieuwkomers? Een kennisoverzicht",
    kind: "onderzoek",
    siteName: "Onderwijskennis.nl (NRO)",
    publishedAt: "2023-12-07",
    language: "nl",
    excerpt:
      "Wat zegt onderzoek over goed onderwijs aan nieuwkomers? Intensief taalonderwijs, taal in alle vakken, de thuistaal als steun, aandacht voor welbevinden en een zorgvuldige doorstroom.",
    text: paragraphs(
      "Onderzoek naar onderwijs aan nieuwkomers is versnipperd: veel studies zijn klein, en de groep nieuwkomers is zeer divers. Toch komen in overzichtsstudies een aantal bouwstenen steeds terug. Dit kennisoverzicht zet ze op een rij, met de kanttekening dat wat werkt altijd afhangt van de leerling en de context.",
      "Intensief en doelgericht taalonderwijs: nieuwkomers hebben veel en gestructureerd taalaanbod nodig, met veel interactie en directe feedback. Woordenschatonderwijs moet expliciet zijn, omdat de achterstand in woordenschat groot is en niet vanzelf inloopt. Taal in alle vakken: schooltaal leer je niet alleen in de taalles. Vakdocenten die taalsteun bieden – met beeld, modelzinnen en samenwerkingsopdrachten – helpen nieuwkomers de vakinhoud te begrijpen en tegelijk de taal te leren.",
      "De thuistaal als hulpbron: leerlingen die hun thuistaal mogen gebruiken om te denken, te overleggen of een tekst voor te bereiden, begrijpen de stof beter, en dat gaat niet ten koste van het Nederlands. Welbevinden: veel nieuwkomers hebben ingrijpende ervaringen achter de rug. Een veilige, voorspelbare omgeving en een leraar die signalen herkent, zijn voorwaarden om te kunnen leren.",
      "Zorgvuldige doorstroom: de overgang van de nieuwkomersvoorziening naar het reguliere onderwijs is een kwetsbaar moment. Een warme overdracht en blijvende taalsteun na de overstap maken verschil. Het overzicht sluit af met open vragen die scholen zelf kunnen onderzoeken, bijvoorbeeld in een werkplaats onderwijsonderzoek.",
    ),
    themes: ["nt2", "nieuwkomers", "kansengelijkheid", "onderzoekende-cultuur"],
    tags: ["kennisoverzicht", "woordenschat", "welbevinden", "doorstroom"],
    sector: ["po", "vo", "mbo"],
    note: "Dit is de opener van mijn bundel voor scholen die net nieuwkomers krijgen: kort, eerlijk over wat we wel en niet weten, en met open vragen die een school zelf kan oppakken.",
    savedBy: "broker",
    visibility: "public",
  },
  {
    url: "https://deleraarskamer.podbean.com/e/afl-12-nt2-studenten-in-het-mbo/",
    title: "Podcast De Leraarskamer #12: NT2-studenten in het mbo – 'taal leer je op de werkvloer'",
    kind: "podcast",
    siteName: "De Leraarskamer",
    publishedAt: "2024-10-03",
    language: "nl",
    excerpt:
      "Een docent Nederlands en een praktijkopleider uit de zorg praten over studenten voor wie Nederlands een tweede taal is: waar lopen ze vast, en hoe help je ze in de les en op de stageplek?",
    text: paragraphs(
      "In deze aflevering (42 minuten) spreken een docent Nederlands van de mbo-opleiding Verzorgende-IG en een praktijkopleider uit een verpleeghuis over NT2-studenten. Veel van deze studenten zijn sterk gemotiveerd en hebben soms al in de zorg gewerkt in hun land van herkomst, maar lopen vast op de taal van rapportages, overdrachten en gesprekken met cliënten en familie.",
      "Wat werkt volgens hen? In de les: werk met echte beroepsteksten, zoals een zorgplan of een overdrachtsformulier, en oefen de taal die daarbij hoort. Laat studenten eerst mondeling oefenen voordat ze schrijven. Maak samen met de praktijkopleider een woordenlijst per stageafdeling. Op de stage: geef de student een vaste werkbegeleider die bewust wat langzamer praat en vakwoorden uitlegt, en plan korte momenten om een rapportage samen door te lopen.",
      "Een belangrijk punt uit het gesprek: taalfouten in een rapportage zijn iets anders dan fouten in de zorg. Een student die een cliënt goed observeert maar dat nog niet foutloos opschrijft, heeft vooral taalsteun nodig, geen lagere beoordeling op het vak.",
      "In de shownotes staan de woordenlijst en een oefenformat voor de mondelinge overdracht.",
    ),
    themes: ["nt2", "beroepsgerichte-didactiek", "taalbewust-lesgeven"],
    tags: ["zorg", "stage", "rapportage", "praktijkopleider"],
    sector: ["mbo"],
    note: "Aanrader voor het mbo-team. De woordenlijst per stageafdeling, samen met de praktijkopleider, wil ik voorstellen in het overleg met de zorginstellingen in de regio.",
    savedBy: "broker",
    visibility: "network",
  },
  {
    url: "https://www.slo.nl/publicaties/cooperatieve-werkvormen-taalrijke-les/",
    title: "Coöperatieve werkvormen voor een taalrijke les: tien werkvormen voor elke vakdocent",
    kind: "lesmateriaal",
    siteName: "SLO",
    publishedAt: "2021-04-22",
    language: "nl",
    excerpt:
      "Tien coöperatieve werkvormen, van Denken-Delen-Uitwisselen tot Binnenkring-buitenkring, die leerlingen laten praten over de vakinhoud – met modelzinnen voor NT2-leerders.",
    text: paragraphs(
      "Leerlingen leren taal door haar te gebruiken. In veel lessen praat de leraar het grootste deel van de tijd en komen leerlingen weinig aan het woord. Coöperatieve werkvormen veranderen die verhouding: iedere leerling moet iets zeggen, uitleggen of vragen, binnen een duidelijke structuur. Dat is goed voor alle leerlingen en in het bijzonder voor leerlingen die Nederlands als tweede taal leren.",
      "De set bevat tien werkvormen. Bij Denken-Delen-Uitwisselen denkt iedere leerling eerst zelf na, bespreekt het dan met een buurman of buurvrouw, en pas daarna vraagt de leraar antwoorden. Bij Binnenkring-buitenkring staan leerlingen in twee kringen tegenover elkaar en leggen ze elkaar een begrip uit, waarna de buitenkring doorschuift. Bij Woordweb-in-viertallen maken leerlingen samen een woordweb rond een vakbegrip. Andere werkvormen zijn onder meer Placemat, Tweetal-coach en Rondpraat.",
      "Bij elke werkvorm staan modelzinnen op twee niveaus, zoals 'Ik denk dat … omdat …' en 'Ik ben het (niet) eens met …, want …'. Die zinnen helpen leerlingen om niet alleen iets te zeggen, maar ook te redeneren. Hang ze zichtbaar in de klas of geef ze mee op een kaartje.",
      "De crème de la crème van de set zijn volgens docenten de werkvormen die weinig voorbereiding kosten: Denken-Delen-Uitwisselen en Binnenkring-buitenkring kun je morgen in elke les gebruiken. Begin met één werkvorm en herhaal die een paar weken, zodat leerlingen de structuur kennen en zich op de inhoud kunnen richten.",
    ),
    themes: ["taalbewust-lesgeven", "nt2", "taaldenkgesprekken"],
    tags: ["coöperatief leren", "werkvormen", "modelzinnen", "interactie"],
    sector: ["po", "vo", "mbo"],
    note: "Denken-Delen-Uitwisselen deed ik al, maar de modelzinnen erbij maakten het verschil: mijn NT2-leerlingen gingen echt redeneren in plaats van één woord te roepen.",
    savedBy: "teacher",
    visibility: "network",
    outcome: { applied: true, worked: "yes" },
  },

  // ----- Meertaligheid ---------------------------------------------------------------------------------
  {
    url: "https://taalunie.org/informatie/meertaligheid-en-onderwijs/meertaligheid-in-de-klas",
    title: "Meertaligheid in de klas: van probleem naar hulpbron",
    kind: "artikel",
    siteName: "Nederlandse Taalunie",
    publishedAt: "2022-05-17",
    language: "nl",
    excerpt:
      "Steeds meer leerlingen groeien op met meer dan één taal. Wie die talen ziet als hulpbron in plaats van als hindernis, helpt leerlingen bij het leren van het Nederlands én bij de vakken.",
    text: paragraphs(
      "In veel Nederlandse en Vlaamse klassen spreekt een groot deel van de leerlingen thuis een andere taal dan, of naast, het Nederlands. Lange tijd was het advies aan scholen en ouders: zo veel mogelijk Nederlands, dan gaat het leren vanzelf beter. Dat advies is achterhaald. Onderzoek naar tweetalige ontwikkeling laat zien dat kennis en vaardigheden die een kind in de ene taal opbouwt, ook helpen in de andere.",
      "Meertaligheid als hulpbron betekent niet dat de les voortaan in vijf talen wordt gegeven. Het betekent dat leerlingen hun talen mogen gebruiken als opstapje: een begrip opzoeken in de eigen taal, met een klasgenoot in de thuistaal overleggen voordat ze in het Nederlands antwoorden, een tekst eerst in de eigen taal samenvatten. Dat heet ook wel translanguaging. Het doel blijft dat leerlingen sterk worden in het Nederlands en in de schooltaal.",
      "Daarnaast gaat het om houding. Leerlingen die merken dat hun thuistaal op school niet welkom is, voelen zich minder gezien. Een talenportret, meertalige boeken in de schoolbibliotheek of een welkomstbord in alle talen van de school zijn kleine signalen met een grote boodschap.",
      "Voor scholen die willen beginnen: spreek als team af wat je wel en niet doet met thuistalen in de les, en waarom. Dan weten leerlingen, ouders en nieuwe collega's waar ze aan toe zijn.",
    ),
    themes: ["meertaligheid", "thuistalen", "taalbewust-lesgeven"],
    tags: ["translanguaging", "talenbeleid", "houding"],
    sector: ["po", "vo"],
    note: "Doorgestuurd naar de collega die vindt dat er in de klas alleen Nederlands gesproken mag worden. De laatste alinea (als team afspreken wat wel en niet) is precies ons volgende teamgesprek.",
    savedBy: "teacher",
    visibility: "public",
  },
  {
    url: "https://www.rutufoundation.org/nl/talenportret-in-de-klas/",
    title: "Het talenportret: thuistalen zichtbaar maken van groep 3 tot en met 8",
    kind: "praktijkvoorbeeld",
    siteName: "Rutu Foundation",
    publishedAt: "2023-02-21",
    language: "nl",
    excerpt:
      "Leerlingen kleuren een silhouet in met de talen die ze spreken, verstaan of graag zouden leren. Een eenvoudige werkvorm die veel vertelt over je klas – en over hoe leerlingen zelf naar hun talen kijken.",
    text: paragraphs(
      "Het talenportret is een werkvorm die in veel landen gebruikt wordt. Leerlingen krijgen een silhouet van een mens en kiezen voor elke taal in hun leven een kleur. Daarna kleuren ze de plek in het lichaam waar die taal voor hen 'zit': het hoofd voor de taal waarin ze denken, het hart voor de taal van oma, de voeten voor de taal van het voetbalveld. Vervolgens vertellen ze erover aan een klasgenoot of aan de klas.",
      "Op een basisschool in Eindhoven deden alle groepen van 3 tot en met 8 in dezelfde week mee. In groep 3 werkten leerkrachten met eenvoudige vragen en mochten ouders helpen. In groep 7 en 8 schreven leerlingen er een korte tekst bij. De portretten hingen daarna een maand in de centrale hal.",
      "Wat het opleverde: leerkrachten ontdekten talen waarvan ze niet wisten dat leerlingen ze spraken, zoals Papiaments, Tigrinya, Fries en Pools. Een leerling die in de klas weinig zei, bleek vier talen te spreken en vertelde daar vol trots over. Ook leerlingen die alleen Nederlands spreken, deden enthousiast mee: dialect, het Engels van YouTube en gebarentaal telden ook mee.",
      "Aandachtspunten: dwing niemand om te vertellen, en wees voorzichtig met aannames – niet iedere leerling met een migratieachtergrond spreekt de taal van zijn of haar ouders. Gebruik de portretten als startpunt: wat doen we met alles wat we nu weten?",
    ),
    themes: ["thuistalen", "meertaligheid", "cultureel-responsief-lesgeven"],
    tags: ["talenportret", "werkvorm", "kennismaken"],
    sector: ["po"],
    note: "Wil ik in onze leergemeenschap voorstellen als gezamenlijke actie rond de Internationale Dag van de Moedertaal (21 februari). Wie doet mee? Ik deel het kopieerblad met het silhouet.",
    savedBy: "teacher",
    visibility: "community",
    communityKey: "meertaligheid",
  },
  {
    url: "https://kempenlandonderwijs.sharepoint.com/sites/leergemeenschap-meertaligheid/verslag-bijeenkomst-3-translanguaging-rekenen",
    title: "Verslag bijeenkomst 3: translanguaging bij rekenen – wat we uitprobeerden en wat (nog) niet werkte",
    kind: "document",
    siteName: "SharePoint – Leergemeenschap Meertaligheid",
    publishedAt: "2025-11-12",
    language: "nl",
    excerpt:
      "Verslag van de derde bijeenkomst: deelnemers lieten leerlingen contextopgaven eerst in hun thuistaal bespreken. Twee dingen werkten, één ding niet, en we hebben drie nieuwe vragen.",
    text: paragraphs(
      "Aanwezig waren zeven deelnemers uit po en vo en de kennismakelaar. We begonnen met een Wat, Dus, Wat nu?-ronde over de opdracht van vorige keer: laat leerlingen bij een rekenopgave met een verhaal eerst in hun thuistaal met een klasgenoot overleggen wat er gevraagd wordt, en laat ze pas daarna in het Nederlands uitleggen hoe ze het aanpakken.",
      "Wat werkte: in drie klassen zagen deelnemers dat leerlingen die normaal snel opgaven, langer aan de opgave doorwerkten en vaker een tekening maakten. Ook leerlingen die alleen Nederlands spreken, hadden baat bij het 'eerst samen uitzoeken wat er gevraagd wordt'. Twee deelnemers merkten dat het hardop benoemen van rekentaal in meerdere talen ('de helft', 'la moitié', 'yarısı') leerlingen hielp om begrippen met elkaar te verbinden.",
      "Wat niet werkte: in een brugklas met veel verschillende talen hadden leerlingen vaak geen klasgenoot met dezelfde taal. Overleggen in de thuistaal was dan niet mogelijk, en het voelde voor sommigen als buitensluiten. Daar werkte een tweetalig woordenboek of een vertaalapp om sleutelwoorden op te zoeken beter.",
      "Wat nu: voor de volgende bijeenkomst verzamelt iedereen twee voorbeelden van leerlingwerk van voor en na, zonder namen. Open vragen: hoe voorkom je dat de thuistaal een hulpje voor 'de zwakke leerlingen' wordt? Wat doe je als ouders liever hebben dat er alleen Nederlands gesproken wordt? En hoe merk je of het begrip echt beter wordt?",
    ),
    themes: ["meertalige-rekendidactiek", "meertaligheid", "onderzoekende-cultuur"],
    tags: ["verslag", "translanguaging", "contextopgaven", "leergemeenschap"],
    sector: ["po", "vo"],
    note: "Verslag voor de deelnemers. Alleen binnen de leergemeenschap delen: er staan nog onafgeronde ervaringen in. De open vragen nemen we mee naar bijeenkomst 4.",
    savedBy: "broker",
    visibility: "community",
    communityKey: "meertaligheid",
  },
  {
    url: "https://vimeo.com/874512390",
    title: "Kennisclip: taalbewust lesgeven in de zaakvakles in drie stappen",
    kind: "kennisclip",
    siteName: "Vimeo",
    author: "Lectoraat Taal en Leren Zuid",
    publishedAt: "2023-10-10",
    language: "nl",
    excerpt:
      "Een lerarenopleider laat zien hoe je een les natuur of aardrijkskunde taalbewust maakt: vakbegrippen vooraf kiezen, taalsteun bieden, en leerlingen de begrippen zelf laten gebruiken.",
    text: paragraphs(
      "In deze kennisclip van ruim negen minuten zie je fragmenten uit een les over de waterkringloop in groep 6, afgewisseld met uitleg. De kern: in elke zaakvakles leren leerlingen niet alleen inhoud, maar ook de taal waarmee je over die inhoud praat. Woorden als verdampen, condenseren en neerslag zijn voor bijna iedereen nieuw. Woorden als 'ontstaan', 'daardoor' en 'vergelijken' worden vaak vergeten, terwijl leerlingen ze nodig hebben om te redeneren.",
      "Stap 1, kies vooraf: welke vakbegrippen en welke schooltaalwoorden zijn in deze les onmisbaar? Beperk je tot een handvol en zet ze met een plaatje op het bord. Stap 2, bied taalsteun: gebruik beeld, een schema en gebaren bij je uitleg, en geef leerlingen zinsstarters zoals 'Eerst … daarna … daardoor …'. Stap 3, laat leerlingen de taal gebruiken: in tweetallen de kringloop navertellen met de begrippen, een schema beschrijven of een korte uitleg schrijven voor een jongere groep.",
      "De clip laat zien dat dit geen aparte taalles is. Het kost weinig extra tijd, omdat leerlingen de inhoud beter begrijpen als ze er zelf over praten. Het werkt voor alle leerlingen en is extra belangrijk voor meertalige leerlingen en leerlingen met een kleine woordenschat.",
      "Aan het einde staat een checklist van acht vragen waarmee je een bestaande les uit je methode taalbewust kunt maken.",
    ),
    themes: ["taalbewust-lesgeven", "meertaligheid", "leesonderwijs-en-begrijpend-lezen"],
    tags: ["zaakvakken", "woordenschat", "zinsstarters", "wereldoriëntatie"],
    sector: ["po"],
    note: "Met de checklist mijn natuurles voorbereid: vijf begrippen gekozen en zinsstarters op het bord. Eerlijk: de zinsstarters werkten nog niet, leerlingen gebruikten ze alleen als ik erop wees. Volgende keer oefen ik ze eerst in tweetallen. Ervaringen van anderen welkom!",
    savedBy: "teacher",
    visibility: "network",
    video: {
      provider: "vimeo",
      id: "874512390",
      durationSeconds: 545,
      embedUrl: "https://player.vimeo.com/video/874512390",
    },
    outcome: { applied: true, worked: "no" },
  },
  {
    url: "https://www.expertisecentrumnederlands.nl/taaldenkgesprekken/gespreksstrategieen-op-een-kaart",
    title: "Taaldenkgesprekken: alle gespreksstrategieën op één kaart",
    kind: "lesmateriaal",
    siteName: "Expertisecentrum Nederlands",
    publishedAt: "2021-11-30",
    language: "nl",
    excerpt:
      "Een overzichtskaart met de strategieën voor taaldenkgesprekken – van stiltes laten vallen tot doorvragen en samenvatten – met voorbeeldzinnen om naast je laptop te leggen.",
    text: paragraphs(
      "In een taaldenkgesprek denken leerlingen hardop na over een onderwerp, een probleem of een verschijnsel, en helpt de leraar hen om hun denken onder woorden te brengen. Het verschil met een gewoon klassengesprek: de leraar stelt geen vragen waarop hij of zij het antwoord al weet, maar gaat uit van wat leerlingen zelf denken en daagt hen uit om verder te denken. Dat levert rijke taal op en dieper begrip.",
      "De kaart deelt de strategieën in drie groepen. Ruimte geven: stiltes laten vallen, neutraal reageren ('hm-hm', knikken), leerlingen aankijken en zelf minder praten. Uitlokken: open vragen stellen ('Hoe zou dat komen?', 'Wat denk jij?'), een tegenvoorbeeld geven, of de uitspraak van een leerling aan de klas voorleggen. Ondersteunen: herhalen in correcte taal zonder te verbeteren, samenvatten, en om uitleg vragen ('Wat bedoel je met …?').",
      "Achterop de kaart staan gespreksonderwerpen die goed werken, van kleuters tot groep 8: waarom drijft een appel en zinkt een knikker? Is een tomaat groente of fruit? Mag je liegen om iemand te helpen? Goede onderwerpen hebben geen eenduidig antwoord en sluiten aan bij wat leerlingen zelf meemaken.",
      "Tip: neem een taaldenkgesprek eens op en luister terug hoeveel van de tijd je zelf praat. Voor veel leraren is dat een eyeopener.",
    ),
    themes: ["taaldenkgesprekken", "meertaligheid"],
    tags: ["gespreksvaardigheid", "doorvragen", "kleuters", "wereldoriëntatie"],
    sector: ["po"],
    note: "Ligt naast mijn laptop. Mijn valkuil is te snel zelf het antwoord geven, dus 'stiltes laten vallen' oefen ik deze maand bewust. De vraag over de tomaat leverde in groep 5 een geweldig gesprek op.",
    savedBy: "teacher",
    visibility: "public",
  },
  {
    url: "https://www.uu.nl/onderzoek/freudenthal-instituut/redeneren-in-twee-talen-contextopgaven",
    title: "Redeneren in twee talen: meertalige leerlingen en contextopgaven bij rekenen",
    kind: "onderzoek",
    siteName: "Universiteit Utrecht – Freudenthal Instituut",
    publishedAt: "2024-09-18",
    language: "nl",
    excerpt:
      "Praktijkgericht onderzoek in groep 6 tot en met 8: wat gebeurt er als meertalige leerlingen contextopgaven eerst in hun thuistaal bespreken? Leerlingen begrepen de opgave vaker, maar het effect hing sterk af van hoe de leraar het gesprek begeleidde.",
    text: paragraphs(
      "Contextopgaven – rekenopgaven met een verhaal – zijn voor veel leerlingen lastig, en voor meertalige leerlingen die het Nederlands nog leren in het bijzonder. Vaak is het rekenen zelf het probleem niet, maar het begrijpen van de situatie en de vraag. In dit praktijkgerichte onderzoek werkten leraren en onderzoekers samen op vier basisscholen.",
      "De aanpak: leerlingen die dezelfde thuistaal spreken, bespraken een opgave eerst in die taal aan de hand van twee vragen: wat gebeurt er in het verhaal, en wat moeten we uitzoeken? Daarna legden ze in het Nederlands uit hoe ze de opgave zouden aanpakken. De leraar hielp met rekentaal: woorden als 'per', 'verhouding', 'korting' en 'verschil' werden expliciet besproken, ook in de thuistalen.",
      "Uitkomsten: leerlingen begrepen de opgave vaker goed en kozen vaker een passende aanpak, zoals een verhoudingstabel of een tekening. Het verschil was het duidelijkst bij leraren die doorvroegen ('Hoe weet je dat?') en minder zichtbaar wanneer het overleg in de thuistaal een vrijblijvend praatmoment bleef. In klassen met veel verschillende talen lukte het niet altijd om taalmaatjes te vormen.",
      "De conclusie van de onderzoekers: de thuistaal is een waardevol denkgereedschap bij rekenen, maar geen wondermiddel. Het vraagt een doordachte opbouw en een leraar die het redeneren centraal zet. Het rapport bevat een lesopzet en een kijkwijzer voor collegiale observatie.",
    ),
    themes: ["meertalige-rekendidactiek", "meertaligheid", "taaldenkgesprekken"],
    tags: ["rekenen", "contextopgaven", "rekentaal", "praktijkonderzoek"],
    sector: ["po", "hbo"],
    note: "Sluit precies aan bij wat we in de leergemeenschap uitprobeerden. De kijkwijzer achterin gebruiken we bij de volgende ronde collegiale observaties.",
    savedBy: "broker",
    visibility: "public",
  },
  {
    url: "https://www.didactiefonline.nl/artikel/mag-arabisch-in-de-wiskundeles",
    title: "Mag Arabisch in de wiskundeles? Translanguaging in het voortgezet onderwijs",
    kind: "artikel",
    siteName: "Didactief",
    publishedAt: "2023-04-11",
    language: "nl",
    excerpt:
      "Steeds meer vo-docenten laten leerlingen hun thuistaal gebruiken bij het leren. Drie docenten vertellen wat dat oplevert, waar ze tegenaan liepen, en waarom 'alleen Nederlands' niet altijd de beste regel is.",
    text: paragraphs(
      "'In mijn klas spreken we Nederlands.' Die regel hangt nog in veel lokalen, en dat is begrijpelijk: docenten willen dat leerlingen goed Nederlands leren en ze willen kunnen volgen wat er gezegd wordt. Toch experimenteren steeds meer vo-scholen met translanguaging: leerlingen mogen hun thuistalen gebruiken als hulpmiddel bij het leren.",
      "Een docent wiskunde in de brugklas vertelt: 'Twee leerlingen zaten vast bij een opgave over oppervlakte. Ik hoorde ze in het Arabisch overleggen, en ineens tekenden ze een rooster. Daarna konden ze het in het Nederlands prima uitleggen.' Een docent biologie laat leerlingen nieuwe begrippen in een woordenlijst zetten met de vertaling in hun eigen taal. 'Ze onthouden de begrippen beter, en ze vinden het leuk om elkaars talen te zien.'",
      "Er zijn ook lastige kanten. Docenten noemen de angst om de controle te verliezen, leerlingen die de thuistaal gebruiken om niet mee te doen, en klasgenoten die zich buitengesloten voelen. Hun oplossing: duidelijke afspraken over wanneer de thuistaal mag (bij het denken en overleggen) en wanneer Nederlands nodig is (bij presenteren en opschrijven), en groepjes waarin iedereen elkaar kan verstaan bij het eindproduct.",
      "Het belangrijkste inzicht volgens de docenten: het gaat niet om óf de thuistaal, maar om hoe en waarvoor. Een team dat daar samen afspraken over maakt, voorkomt dat leerlingen in elk lokaal andere regels tegenkomen.",
    ),
    themes: ["meertaligheid", "thuistalen", "meertalige-rekendidactiek"],
    tags: ["translanguaging", "wiskunde", "brugklas", "afspraken"],
    sector: ["vo"],
    note: "Voor onze sectievoorzitters: een mooi stuk om het gesprek over onze 'alleen Nederlands'-regel te openen. Voorstel: op de studiedag in maart per sectie afspreken wanneer de thuistaal wél mag.",
    savedBy: "coordinator",
    visibility: "network",
  },
  {
    url: "https://open.spotify.com/episode/4kT8pWq2ZrN7vLx3YbQm1d",
    title: "Podcast Meertalig Opgroeien: 'Mijn kinderen spreken drie talen, en dat is geen probleem'",
    kind: "podcast",
    siteName: "Spotify",
    author: "Meertalig Opgroeien",
    publishedAt: "2025-01-20",
    language: "nl",
    excerpt:
      "Een leerkracht die zelf meertalig opgroeide en haar kinderen nu in drie talen opvoedt, over de mythes rond meertaligheid, talen door elkaar gebruiken en wat ze van haar eigen juf had willen horen.",
    text: paragraphs(
      "In deze aflevering vertelt een leerkracht uit Tilburg hoe ze opgroeide met het Turks en het Nederlands, en hoe ze haar eigen kinderen nu opvoedt met Turks, Nederlands en Engels. Ze bespreekt de mythes die ze als moeder én als leerkracht het vaakst hoort.",
      "Mythe 1: meertalige kinderen krijgen een taalachterstand. Meertalige kinderen kennen in elke taal afzonderlijk soms minder woorden dan eentalige leeftijdgenoten, maar tel je hun talen bij elkaar op, dan is hun woordenschat niet kleiner. Mythe 2: talen door elkaar gebruiken betekent dat een kind in de war is. Wisselen van taal midden in een zin is normaal meertalig gedrag en vaak juist een teken van taalvaardigheid. Mythe 3: ouders moeten thuis Nederlands spreken. Ouders bieden hun kind de rijkste taal in de taal die zij zelf het best beheersen.",
      "Het mooiste deel van het gesprek gaat over haar eigen basisschooltijd. Haar juf zei tegen haar ouders dat ze thuis Nederlands moesten praten. 'Mijn moeder heeft het jaren geprobeerd, in gebrekkig Nederlands. Ik heb daardoor veel Turks gemist, en het Nederlands kwam echt wel.' Ze roept leerkrachten op om ouders een ander advies te geven: lees voor en praat veel, in welke taal dan ook.",
      "De aflevering duurt 38 minuten en eindigt met tips voor leerkrachten die met ouders in gesprek willen over meertalig opvoeden.",
    ),
    themes: ["meertaligheid", "thuistalen", "ouderbetrokkenheid"],
    tags: ["mythes", "meertalig opvoeden", "oudergesprek"],
    sector: ["po"],
    note: "Nog afluisteren in de auto. Bewaard voor de oudergesprekken in november: de drie mythes wil ik zelf helder kunnen uitleggen.",
    savedBy: "teacher",
    visibility: "private",
  },

  // ----- Further themes ------------------------------------------------------------------------------
  {
    url: "https://www.lezen.nl/kennisbank/begrijpend-lezen-kennis-opbouwen-met-rijke-teksten/",
    title: "Begrijpend lezen: kennis opbouwen met rijke teksten in plaats van losse strategieën",
    kind: "artikel",
    siteName: "Stichting Lezen",
    publishedAt: "2024-03-05",
    language: "nl",
    excerpt:
      "Leerlingen worden betere lezers als ze veel lezen over samenhangende onderwerpen en over die teksten praten – niet door losse oefenteksten met elke week een nieuwe leesstrategie.",
    text: paragraphs(
      "Begrijpend lezen is op veel scholen een apart vak met een eigen methode: elke week een leesstrategie, zoals voorspellen of de hoofdgedachte vinden, geoefend op korte teksten over steeds andere onderwerpen. Leesonderzoekers pleiten al langer voor een andere aanpak. Tekstbegrip hangt sterk af van wat een lezer al weet over het onderwerp, en losse strategieën leveren minder op dan vaak gedacht.",
      "Wat werkt beter? Lezen in samenhang: leerlingen lezen meerdere teksten over één onderwerp, bijvoorbeeld drie weken lang over de middeleeuwen of over het klimaat, zodat hun kennis en woordenschat groeien en elke volgende tekst makkelijker wordt. Combineer begrijpend lezen daarom met wereldoriëntatie in plaats van het als los vak te geven. Rijke teksten: echte informatieve teksten, verhalen en gedichten met inhoud, niet alleen teksten die geschreven zijn om een strategie te oefenen.",
      "Praten over teksten: in een goed tekstgesprek bespreken leerlingen wat ze gelezen hebben, stellen ze vragen en onderbouwen ze hun interpretatie met de tekst. Strategieën zijn daarbij een middel, geen doel: je leert ze aan op het moment dat een tekst erom vraagt. En veel lezen: vrij lezen uit een aantrekkelijke schoolbibliotheek, met een leraar die zelf laat zien dat lezen leuk is.",
      "Voor meertalige leerlingen is deze aanpak extra belangrijk: met samenhangende teksten bouwen zij gericht de woordenschat en achtergrondkennis op die ze nodig hebben.",
    ),
    themes: ["leesonderwijs-en-begrijpend-lezen", "taalbewust-lesgeven", "kansengelijkheid"],
    tags: ["tekstgesprek", "rijke teksten", "wereldoriëntatie", "leesmotivatie"],
    sector: ["po", "vo"],
    note: "Wij twijfelen over een nieuwe methode begrijpend lezen. Dit stuk pleit ervoor begrijpend lezen en wereldoriëntatie te combineren; ik zet het op de agenda van de werkgroep taal.",
    savedBy: "teacher",
    visibility: "network",
  },
  {
    url: "https://www.nro.nl/werkplaatsen-onderwijsonderzoek/werkvormen/wat-dus-wat-nu",
    title: "Gespreksprotocol 'Wat, Dus, Wat nu?': in twintig minuten van ervaring naar actie",
    kind: "protocol",
    siteName: "NRO – Werkplaatsen onderwijsonderzoek",
    publishedAt: "2022-06-14",
    language: "nl",
    excerpt:
      "Een reflectieprotocol in drie rondes voor leerteams en leergemeenschappen, gebaseerd op het reflectiemodel van Rolfe: wat gebeurde er, wat betekent dat, en wat gaan we nu doen?",
    text: paragraphs(
      "Het gespreksprotocol Wat, Dus, Wat nu? helpt een team om een ervaring uit de praktijk samen te onderzoeken zonder meteen in oplossingen of meningen te schieten. Het is gebaseerd op het reflectiemodel 'What? So what? Now what?' van Rolfe en collega's en wordt in veel leergemeenschappen en werkplaatsen gebruikt. Reken op twintig minuten per casus, met een gespreksleider en een tijdbewaker.",
      "Ronde 1, Wat? (5 minuten): de inbrenger beschrijft zo feitelijk mogelijk wat er gebeurde. Wat deed ik, wat deden de leerlingen, wat zag en hoorde ik? De anderen luisteren en stellen daarna alleen verhelderende vragen. Geen adviezen, geen oordelen.",
      "Ronde 2, Dus? (8 minuten): de groep bespreekt wat de ervaring betekent. Wat valt op? Welke verklaringen zijn mogelijk? Wat weten we uit onderzoek of eigen ervaring dat hierbij helpt? De inbrenger luistert eerst en reageert daarna: wat raakt me, wat herken ik?",
      "Ronde 3, Wat nu? (7 minuten): de inbrenger formuleert één concrete volgende stap voor de komende weken, en hoe te merken is of die werkt. De groep helpt om de stap klein en haalbaar te maken. Sluit af met een afspraak: wanneer horen we hoe het ging? Tip: laat de gespreksleider na afloop één zin noteren bij Wat nu?, zodat de volgende bijeenkomst daarmee kan openen.",
    ),
    themes: ["onderzoekende-cultuur", "samen-opleiden"],
    tags: ["gespreksprotocol", "reflectie", "werkvorm", "leerteam", "intervisie"],
    sector: ["po", "vo", "mbo", "hbo"],
    note: "Onze vaste opening in de leergemeenschap. Werkt het best als de tijdbewaker in ronde 1 echt streng is, anders gaat het meteen over oplossingen.",
    savedBy: "broker",
    visibility: "network",
  },
  {
    url: "https://www.onderwijsinspectie.nl/onderwerpen/staat-van-het-onderwijs/kansengelijkheid",
    title: "De Staat van het Onderwijs: kansengelijkheid blijft een hardnekkig vraagstuk",
    kind: "onderzoek",
    siteName: "Inspectie van het Onderwijs",
    publishedAt: "2024-04-17",
    language: "nl",
    excerpt:
      "De inspectie beschrijft elk jaar hoe het onderwijs ervoor staat. Een terugkerende conclusie: de achtergrond van ouders weegt zwaar mee in de kansen van leerlingen – bij het schooladvies, in de doorstroom en bij de basisvaardigheden.",
    text: paragraphs(
      "Elk voorjaar publiceert de Inspectie van het Onderwijs De Staat van het Onderwijs, een overzicht van de kwaliteit van het Nederlandse onderwijs. Kansengelijkheid is daarin een terugkerend thema. Leerlingen met vergelijkbare prestaties krijgen niet dezelfde kansen: het opleidingsniveau en het inkomen van ouders hangen samen met het schooladvies, met de doorstroom in het voortgezet onderwijs en met de kans om een diploma op een hoger niveau te halen.",
      "Ook de basisvaardigheden krijgen veel aandacht. Een deel van de leerlingen verlaat de basisschool zonder voldoende lees-, schrijf- en rekenvaardigheid, en dat raakt leerlingen uit gezinnen met minder kansen het hardst. Goed taal- en leesonderwijs, ook in de andere vakken, is daarom een van de krachtigste middelen om kansen te vergroten.",
      "Wat kunnen scholen doen? De inspectie wijst op hoge verwachtingen, een zorgvuldige adviesprocedure waarin een leerling bij twijfel het voordeel van de twijfel krijgt, en het bewust volgen en bijstellen van het onderwijs op basis van gegevens. Ook de samenwerking tussen scholen, bijvoorbeeld bij de overgang van po naar vo, speelt een rol.",
      "Voor teams is het rapport een goede aanleiding om naar de eigen cijfers te kijken: hoe verhouden onze adviezen zich tot de plek waar leerlingen drie jaar later zitten, en zien we verschillen tussen groepen leerlingen die we niet kunnen verklaren?",
    ),
    themes: ["kansengelijkheid", "leesonderwijs-en-begrijpend-lezen", "diversiteit-en-inclusie"],
    tags: ["inspectie", "schooladvies", "basisvaardigheden", "doorstroom"],
    sector: ["po", "vo"],
    note: "De vraag aan het eind (adviezen naast de plek drie jaar later) ga ik met de onderbouwcoördinator uitzoeken voor onze brugklassers. Kost wat uitzoekwerk, maar geeft eindelijk zicht op onderadvisering.",
    savedBy: "coordinator",
    visibility: "public",
  },
  {
    url: "https://www.mboraad.nl/praktijkvoorbeelden/challenge-based-learning-duurzaam-schoolcafe",
    title: "Challenge based learning in het mbo: studenten ontwerpen een duurzaam schoolcafé",
    kind: "praktijkvoorbeeld",
    siteName: "MBO Raad",
    publishedAt: "2024-06-11",
    language: "nl",
    excerpt:
      "Studenten horeca, techniek en commercie kregen een echte opdracht: maak van de kantine een duurzaam café. Een praktijkvoorbeeld over samenwerken over opleidingen heen, met de lessen die de docenten trokken.",
    text: paragraphs(
      "Op een mbo-college in Brabant kregen studenten van drie opleidingen – Horeca, Installatietechniek en Commercie – samen een challenge: ontwerp een schoolcafé dat duurzaam is in inkoop, energie en afval, en dat financieel rond kan komen. Opdrachtgevers waren de facilitaire dienst van de school en een duurzaamheidsadviseur van de gemeente, die aan het begin en aan het eind van de challenge aanschoven.",
      "De challenge duurde tien weken en volgde de fases van challenge based learning: verkennen (wat is het probleem eigenlijk?), onderzoeken (interviews met medestudenten, metingen van het energieverbruik, gesprekken met leveranciers) en ontwerpen en testen. De horecastudenten ontwikkelden een kaart met seizoensproducten uit de regio – van pompoensoep tot een vegan crème brûlée – de technici rekenden aan zuinige koelapparatuur, en de commerciestudenten maakten een prijsstrategie en een campagne.",
      "Wat de docenten leerden: studenten waren gemotiveerder omdat de opdracht echt was en de opdrachtgever terugkwam. Tegelijk vroeg de aanpak veel van de begeleiding: studenten hadden moeite met de open start en met samenwerken met andere opleidingen. Vaste reflectiemomenten, een heldere rol per student en een tussentijdse presentatie aan de opdrachtgever hielpen. Beoordelen bleek lastig, omdat de examens per opleiding verschillen; de docenten koppelden daarom per student een deel van de challenge aan een bestaande beroepstaak.",
      "Het café is inmiddels twee dagen per week open en wordt gerund door eerstejaars horecastudenten. Volgend jaar volgt een nieuwe challenge: minder voedselverspilling.",
    ),
    themes: ["challenge-based-learning", "duurzaamheid", "beroepsgerichte-didactiek"],
    tags: ["horeca", "opdrachtgever", "samenwerken tussen opleidingen", "beoordelen"],
    sector: ["mbo"],
    note: "Bruikbaar voor Brainport Vakcollege: de koppeling aan een bestaande beroepstaak lost het beoordelingsprobleem bij challenges op. Ik breng de docenten van beide scholen met elkaar in contact.",
    savedBy: "broker",
    visibility: "network",
  },
  {
    url: "https://www.schoolenveiligheid.nl/kennisbank/klassengesprek-over-polarisatie-voeren/",
    title: "Een klassengesprek over polarisatie voeren: handreiking voor docenten",
    kind: "lesmateriaal",
    siteName: "Stichting School & Veiligheid",
    publishedAt: "2023-11-20",
    language: "nl",
    excerpt:
      "Wat doe je als een actuele gebeurtenis de klas verdeelt? Een handreiking in vijf stappen om een moeilijk gesprek voor te bereiden, te voeren en af te ronden, met gespreksregels en voorbeeldvragen.",
    text: paragraphs(
      "Een oorlog, verkiezingen of een incident in de buurt: soms komt een gebeurtenis de klas binnen en lopen de emoties op. Veel docenten twijfelen dan: ga ik het gesprek aan of laat ik het liggen? Deze handreiking helpt om het gesprek wél te voeren, op een manier die veilig is voor leerlingen en voor de docent zelf. Zulke gesprekken horen bij de burgerschapsopdracht van de school.",
      "Stap 1, bereid je voor: wat weet je zelf over het onderwerp, wat is je eigen positie, en wat wil je met het gesprek bereiken? Stap 2, spreek gespreksregels af, bijvoorbeeld: we laten elkaar uitpraten, we spreken vanuit onszelf ('ik vind'), we bekritiseren meningen en niet personen, en wat hier gezegd wordt, blijft in de klas. Stap 3, open het gesprek met een vraag die ruimte geeft aan gevoelens en ervaringen, zoals: 'Wat heb je gehoord of gezien, en wat doet dat met je?'",
      "Stap 4, begeleid het gesprek: vat samen, vraag door, maak onderscheid tussen feiten, meningen en gevoelens, en grijp in bij kwetsende uitspraken zonder het gesprek af te kappen. Het doel is niet dat iedereen het eens wordt, maar dat leerlingen elkaars perspectief leren begrijpen. Stap 5, rond af: wat nemen we mee? Vraag leerlingen die persoonlijk geraakt zijn hoe het met ze gaat, en informeer zo nodig de mentor.",
      "In de bijlage staan voorbeeldvragen per onderwerp en ideeën voor als het gesprek vastloopt, zoals een korte schrijfopdracht of een werkvorm met stellingen.",
    ),
    themes: ["burgerschap", "diversiteit-en-inclusie", "multiperspectiviteit"],
    tags: ["polarisatie", "gespreksregels", "actualiteit", "mentorles"],
    sector: ["vo", "mbo"],
    note: "Voor alle mentoren in de gedeelde map gezet. Stap 1 (je eigen positie bepalen) wordt vaak overgeslagen, terwijl daar de meeste onzekerheid zit.",
    savedBy: "coordinator",
    visibility: "network",
  },
  {
    url: "https://www.talentstimuleren.nl/thema/begaafdheid/begaafd-en-meertalig",
    title: "Begaafd én meertalig: waarom deze leerlingen vaak over het hoofd worden gezien",
    kind: "artikel",
    siteName: "Talentstimuleren.nl",
    publishedAt: "2022-12-06",
    language: "nl",
    excerpt:
      "Een leerling die het Nederlands nog leert, laat zijn of haar denkkracht niet altijd zien in toetsen en gesprekken. Daardoor worden begaafde meertalige leerlingen minder vaak herkend. Zo kijk je verder dan de taal.",
    text: paragraphs(
      "Begaafdheid herkennen we vaak aan snelle, talige antwoorden, hoge toetsscores en een grote woordenschat. Bij leerlingen die Nederlands als tweede taal leren, werken die signalen niet goed: hun Nederlands is nog in ontwikkeling, dus hun denkkracht blijft deels onzichtbaar. Ook verwachtingen spelen mee. Een leerling die 'nog zo veel taal moet inhalen', krijgt minder snel verrijkingsstof aangeboden.",
      "Hoe kijk je verder dan de taal? Let op hoe snel een leerling iets nieuws leert – bijvoorbeeld hoe snel hij of zij het Nederlands oppikt. Gebruik taalarme opdrachten, zoals ruimtelijke puzzels, logische patronen of rekenproblemen met plaatjes. Vraag ouders, met tolk, wat hun kind thuis doet: leest het veel in de eigen taal, bouwt het ingewikkelde dingen, stelt het diepe vragen? En vraag de leerling zelf wat hij of zij al weet: soms heeft een nieuwkomer in het land van herkomst al stof gehad die hier pas jaren later komt.",
      "Begaafde meertalige leerlingen hebben vaak tegelijk taalsteun én uitdaging nodig. Dat gaat prima samen: een plusklas of verrijkingsopdracht met visuele ondersteuning en een maatje, of een onderzoeksopdracht waarbij de leerling ook bronnen in de eigen taal mag gebruiken.",
      "Voor scholen: kijk eens welke leerlingen er in jullie plusgroep zitten. Weerspiegelt die groep de hele school? Als meertalige leerlingen ontbreken, is dat een aanwijzing dat de signalering anders moet.",
    ),
    themes: ["hoogbegaafdheid", "meertaligheid", "kansengelijkheid"],
    tags: ["signaleren", "plusklas", "verrijking", "taalarme opdrachten"],
    sector: ["po", "vo"],
    note: "De vraag 'weerspiegelt de plusgroep de hele school?' is bij ons pijnlijk herkenbaar. Ik neem de taalarme signaleringsopdrachten mee naar onze ib'er.",
    savedBy: "teacher",
    visibility: "network",
  },
  {
    url: "https://www.passendonderwijs.nl/kennisbank/taalprobleem-of-leerprobleem-bij-meertalige-leerlingen/",
    title: "Taal of leerprobleem? Ondersteuning voor meertalige leerlingen zorgvuldig bepalen",
    kind: "artikel",
    siteName: "Steunpunt Passend Onderwijs",
    publishedAt: "2023-05-30",
    language: "nl",
    excerpt:
      "Is het de taal, of is er meer aan de hand? Bij meertalige leerlingen liggen zowel een gemiste als een onterechte diagnose op de loer. Een stappenplan voor het ondersteuningsteam.",
    text: paragraphs(
      "Als een leerling die Nederlands als tweede taal leert achterblijft, is de vraag al snel: is dit een kwestie van tijd en taal, of heeft deze leerling een leer- of ontwikkelingsprobleem, zoals dyslexie of een taalontwikkelingsstoornis? Beide fouten komen voor. Soms wordt een achterstand te lang aan de taal toegeschreven, waardoor een leerling jaren zonder passende hulp zit. Soms wordt een normaal verlopend tweedetaalleerproces ten onrechte als stoornis gezien.",
      "Het stappenplan begint met de taalgeschiedenis: hoe lang leert de leerling al Nederlands, hoeveel taalaanbod krijgt hij of zij, en hoe ontwikkelde de thuistaal zich? Moeite met taal ook in de thuistaal, ouders die zich zorgen maken over de ontwikkeling in de eigen taal, of broers en zussen met vergelijkbare problemen zijn signalen om verder te kijken. Vraag dit uit met een tolk.",
      "Daarna volgt een periode van intensieve, goed vastgelegde ondersteuning, bijvoorbeeld zes tot acht weken extra woordenschat- of leesinstructie. Leert de leerling daar goed van, dan zijn meer tijd en taalaanbod waarschijnlijk de oplossing. Blijft de vooruitgang uit ondanks goede instructie, dan is onderzoek door een specialist zinvol, bij voorkeur iemand met kennis van meertalige ontwikkeling en met instrumenten die geschikt zijn voor meertalige kinderen.",
      "Voor het ondersteuningsteam: leg elke stap vast, betrek ouders als bron van informatie, en wees terughoudend met toetsen die alleen genormeerd zijn op eentalig Nederlandse kinderen.",
    ),
    themes: ["passend-onderwijs", "nt2", "meertaligheid"],
    tags: ["ondersteuningsteam", "dyslexie", "taalontwikkelingsstoornis", "diagnostiek"],
    sector: ["po", "vo"],
    note: "Voor ons zorgteam: stap 1 (de taalgeschiedenis, met tolk) slaan we nu vaak over. Ik stel voor dit stappenplan op te nemen in onze ondersteuningsroute voor nieuwkomers.",
    savedBy: "coordinator",
    visibility: "school",
    schoolKey: "vo",
  },
  {
    url: "https://www.fontys.nl/onderzoek/samen-opleiden/de-student-als-onderzoeker-in-de-werkplaats",
    title: "Samen opleiden: de leraar in opleiding als onderzoeker in de werkplaats",
    kind: "onderzoek",
    siteName: "Fontys Hogescholen",
    publishedAt: "2024-11-26",
    language: "nl",
    excerpt:
      "Hoe kunnen pabostudenten bijdragen aan de onderzoeksvragen van hun stageschool? Verslag van drie jaar samenwerking tussen een pabo en acht basisscholen in de regio.",
    text: paragraphs(
      "In een samen-opleidenpartnerschap leiden een lerarenopleiding en scholen studenten samen op. Studenten doen in hun laatste jaar een praktijkonderzoek. Vaak gaat dat over een vraag die de student zelf kiest, los van wat de school bezighoudt. In dit project draaiden een pabo en acht basisscholen dat om: de scholen brachten vragen in, en studenten, leraren en een lerarenopleider onderzochten die samen in een werkplaats.",
      "Voorbeelden van vragen: hoe laten we nieuwkomers beter meedoen in de gymles? Wat doet een talenportret met het welbevinden van meertalige leerlingen? Werkt een vaste opbouw voor taaldenkgesprekken bij kleuters? Per vraag werkten twee of drie studenten samen met een leraar van de school, die zelf ook tijd kreeg voor het onderzoek.",
      "Wat het opleverde: scholen kregen antwoorden op vragen die ertoe deden, en doordat de resultaten in teamvergaderingen besproken werden, verspreidden ze zich verder dan de betrokken groep. Studenten ervoeren hun onderzoek als betekenisvoller. Leraren zeiden dat ze zelf een meer onderzoekende houding kregen. Knelpunten: tijd voor leraren bleef schaars, en resultaten bleven soms hangen bij wie er direct bij betrokken was.",
      "Aanbevelingen: koppel onderzoeksvragen aan het schoolplan, plan vooraf hoe en wanneer de resultaten met het hele team gedeeld worden, en leg de opbrengsten vast op een plek waar ook nieuwe collega's ze vinden – niet alleen in de mailbox van de betrokkenen.",
    ),
    themes: ["samen-opleiden", "onderzoekende-cultuur"],
    tags: ["pabo", "praktijkonderzoek", "werkplaats", "olievlek"],
    sector: ["po", "hbo"],
    note: "Sluit aan bij onze werkplaats. De aanbeveling om resultaten vast te leggen waar ook nieuwe collega's ze vinden, is precies waarom we deze bibliotheek gebruiken.",
    savedBy: "broker",
    visibility: "public",
  },
];

/** Second saves of three items, so the library shows "Al bewaard door 2 collega's". */
export const DEMO_EXTRA_SAVES: DemoExtraSave[] = [
  {
    itemUrl: "https://wij-leren.nl/cultureel-responsief-lesgeven.php",
    savedBy: "broker",
    note: "Komt in de bundel 'Starten met cultureel responsief lesgeven' als eerste lees-stuk: helder, kort en met een startopdracht die een team in één vergadering kan doen.",
    visibility: "public",
    themes: ["cultureel-responsief-lesgeven", "kansengelijkheid"],
  },
  {
    itemUrl: "https://www.platformnt2.nl/artikelen/zachte-landing-de-eerste-zes-weken",
    savedBy: "coordinator",
    note: "Ook bruikbaar in het vo: de stille periode wordt bij ons in de brugklas vaak gezien als 'niet meedoen'. Neem ik mee in de mentortraining van september.",
    visibility: "network",
    themes: ["zachte-landing", "nieuwkomers"],
  },
  {
    itemUrl: "https://www.nro.nl/werkplaatsen-onderwijsonderzoek/werkvormen/wat-dus-wat-nu",
    savedBy: "teacher",
    note: "Gebruikt in ons leerteam groep 5–8. Ronde 1 zonder adviezen was even wennen, maar het gesprek werd er veel beter van. Volgende keer neem ik een casus over taaldenkgesprekken mee.",
    visibility: "network",
    themes: ["onderzoekende-cultuur"],
  },
];

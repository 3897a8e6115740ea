package emil3gen

// Komvux tables. Course codes and points are those of the gymnasial course
// plans (GY11) that komvux still uses; SUN 2020 codes are real field codes.

func gy(code, title string, points float64, sun, keys, about string) course {
	return course{Code: code, Title: title, Credits: points, SUN: sun, Keys: keys, About: about}
}

// vuxGY are gymnasial komvux courses.
var vuxGY = []course{
	gy("SVESVE01", "Svenska 1", 100, "223a", "svenska, läsa, skriva", "Du läser skönlitteratur och sakprosa, skriver egna texter och tränar muntlig framställning."),
	gy("SVESVE02", "Svenska 2", 100, "223a", "svenska, litteratur", "Kursen fördjupar dig i litteraturhistoria, språkets variation och utredande skrivande."),
	gy("SVESVE03", "Svenska 3", 100, "223a", "svenska, vetenskapligt skrivande", "Du skriver vetenskapliga texter och analyserar skönlitteratur och retorik."),
	gy("SVASVA01", "Svenska som andraspråk 1", 100, "222g", "svenska som andraspråk, sva", "Du utvecklar din svenska i tal och skrift med texter från vardag, arbetsliv och samhälle."),
	gy("SVASVA02", "Svenska som andraspråk 2", 100, "222g", "svenska som andraspråk, sva", "Kursen utvecklar ditt språk för studier och arbetsliv och din förmåga att läsa längre texter."),
	gy("SVASVA03", "Svenska som andraspråk 3", 100, "222g", "svenska som andraspråk, behörighet", "Kursen ger behörighet för högskolestudier och tränar akademiskt skrivande."),
	gy("ENGENG05", "Engelska 5", 100, "222b", "engelska, english", "Du tränar att läsa, lyssna, tala och skriva engelska i vardagliga och yrkesnära situationer."),
	gy("ENGENG06", "Engelska 6", 100, "222b", "engelska, behörighet", "Kursen ger grundläggande behörighet till högskolan och fördjupar din engelska."),
	gy("ENGENG07", "Engelska 7", 100, "222b", "engelska, akademisk engelska", "Du arbetar med avancerade texter och akademisk engelska."),
	gy("MATMAT01a", "Matematik 1a", 100, "461z", "matematik, yrkesmatematik", "Taluppfattning, algebra, geometri och statistik med tillämpningar i yrkeslivet."),
	gy("MATMAT01b", "Matematik 1b", 100, "461z", "matematik, behörighet", "Taluppfattning, algebra, geometri, sannolikhet och funktioner."),
	gy("MATMAT02a", "Matematik 2a", 100, "461z", "matematik", "Algebra, andragradsekvationer och statistik med yrkesnära exempel."),
	gy("MATMAT02b", "Matematik 2b", 100, "461z", "matematik", "Algebra, linjära funktioner, geometri och statistik."),
	gy("MATMAT02c", "Matematik 2c", 100, "461z", "matematik, naturvetenskap", "Algebra, logaritmer, funktioner och geometriska bevis."),
	gy("MATMAT03b", "Matematik 3b", 100, "461z", "matematik, särskild behörighet", "Polynom, derivata och integraler för dig som behöver särskild behörighet."),
	gy("MATMAT03c", "Matematik 3c", 100, "461z", "matematik, särskild behörighet, teknik", "Derivata, integraler och trigonometri; krävs för många tekniska utbildningar."),
	gy("MATMAT04", "Matematik 4", 100, "461z", "matematik", "Komplexa tal, trigonometriska funktioner och differentialekvationer."),
	gy("SAMSAM01a1", "Samhällskunskap 1a1", 50, "310b", "samhällskunskap, demokrati", "Demokrati, mänskliga rättigheter och samhällets ekonomi."),
	gy("SAMSAM01b", "Samhällskunskap 1b", 100, "310b", "samhällskunskap, behörighet", "Demokrati, ekonomi, media och internationella relationer."),
	gy("HISHIS01b", "Historia 1b", 100, "225a", "historia", "Europas och Sveriges historia från antiken till i dag."),
	gy("RELREL01", "Religionskunskap 1", 50, "221a", "religion, etik", "Världsreligionerna, livsåskådningar och etiska modeller."),
	gy("NAKNAK01a1", "Naturkunskap 1a1", 50, "460z", "naturkunskap, hållbar utveckling", "Hållbar utveckling, hälsa och naturvetenskapens arbetssätt."),
	gy("NAKNAK01b", "Naturkunskap 1b", 100, "460z", "naturkunskap, behörighet", "Hållbar utveckling, sexualitet, hälsa och naturvetenskapliga metoder."),
	gy("BIOBIO01", "Biologi 1", 100, "421a", "biologi, naturvetenskap", "Ekologi, genetik och evolution med laborationer."),
	gy("KEMKEM01", "Kemi 1", 100, "442z", "kemi, laboration", "Atomer, kemiska bindningar, syror och baser och redoxreaktioner."),
	gy("FYSFYS01a", "Fysik 1a", 150, "441z", "fysik, teknik", "Mekanik, energi, elektricitet och modern fysik."),
	gy("PSKPSY01", "Psykologi 1", 50, "311x", "psykologi", "Människans tänkande, känslor och beteende ur olika perspektiv."),
	gy("FÖRFÖR01", "Företagsekonomi 1", 100, "340a", "ekonomi, företagande", "Hur företag organiseras, finansieras och marknadsför sig."),
	gy("ENTENT0", "Entreprenörskap", 100, "340x", "entreprenörskap, starta eget", "Du utvecklar en egen affärsidé från idé till plan."),
	gy("ADMADM01", "Administration 1", 100, "346x", "administration, kontor", "Kontorsrutiner, dokumenthantering och digitala verktyg."),
	gy("PRRPRR01", "Programmering 1", 100, "481a", "programmering, it", "Grunderna i programmering: variabler, villkor, loopar och funktioner."),
	gy("WEUWEB01", "Webbutveckling 1", 100, "481a", "webb, html, css", "Du bygger webbplatser med HTML och CSS."),
	gy("DAODAR0", "Dator- och nätverksteknik", 100, "523e", "it-support, nätverk", "Datorns uppbyggnad, operativsystem och nätverk."),
	gy("VÅRVÅR01", "Vård- och omsorgsarbete 1", 150, "723o", "vård, omsorg, undersköterska", "Omvårdnad, bemötande och hygien i vård och omsorg."),
	gy("VÅRVÅR02", "Vård- och omsorgsarbete 2", 150, "723o", "vård, omsorg, undersköterska", "Fördjupad omvårdnad, dokumentation och rehabiliterande arbetssätt."),
	gy("MEDMEI01", "Medicin 1", 150, "723o", "medicin, vård", "Kroppens uppbyggnad, vanliga sjukdomar och deras behandling."),
	gy("PSYPSY01", "Psykiatri 1", 100, "723q", "psykiatri, psykisk ohälsa", "Psykisk hälsa och ohälsa och bemötande av människor med psykiatriska tillstånd."),
	gy("PSYPSY02", "Psykiatri 2", 100, "723q", "psykiatri, vård", "Fördjupning i psykiatriska tillstånd och psykiatrisk vård."),
	gy("GERGER0", "Gerontologi och geriatrik", 100, "723r", "äldreomsorg, demens", "Åldrandet, äldres sjukdomar och vård av personer med demens."),
	gy("ETIETI0", "Etik och människans livsvillkor", 100, "723o", "etik, vård", "Etiska frågor och människans livsvillkor i vård och omsorg."),
	gy("HÄLHÄL01", "Hälso- och sjukvård 1", 100, "723o", "sjukvård, undersköterska", "Sjukvårdens organisation, läkemedelshantering och observationer."),
	gy("FUNFUN01", "Funktionsförmåga och funktionsnedsättning 1", 100, "723t", "funktionsnedsättning, lss", "Funktionsnedsättningar och stöd enligt LSS."),
	gy("SPESPE01", "Specialpedagogik 1", 100, "149a", "specialpedagogik, elevassistent", "Hur människor med funktionsnedsättning kan stödjas i lärande och vardag."),
	gy("BARBAR0", "Barns lärande och växande", 100, "761b", "barnskötare, förskola", "Barns utveckling, lek och lärande."),
	gy("PEDPEE0", "Pedagogiskt arbete", 200, "761b", "barnskötare, pedagogik", "Pedagogiskt arbete i förskola och fritidshem, med arbetsplatsförlagt lärande."),
	gy("PEDPEA0", "Pedagogiskt ledarskap", 100, "761b", "ledarskap, barn och fritid", "Ledarskap och gruppdynamik i pedagogiska verksamheter."),
	gy("ELRELM0", "Elektromekanik", 100, "522c", "el, elektriker", "Grundläggande ellära och mekaniska komponenter."),
	gy("ELRELI0", "Elinstallationer", 200, "522c", "elektriker, installation", "Installationer i bostäder enligt gällande föreskrifter."),
	gy("ELRMÄT0", "Mät- och styrteknik", 100, "522c", "el, automation", "Mätning, reglering och styrning i elanläggningar."),
	gy("TRPGOD0", "Godstransporter", 200, "840b", "lastbil, godstrafik", "Lastsäkring, godshantering och transportdokument."),
	gy("TRPYRK01", "Yrkestrafik 1", 100, "840b", "yrkesförare, ykb", "Trafiksäkerhet, kör- och vilotider och yrkeskompetensbevis."),
	gy("MATMAL01", "Matlagning 1", 100, "811c", "kock, restaurang", "Grundläggande metoder i varmt och kallt kök."),
	gy("MATMAL02", "Matlagning 2", 100, "811c", "kock, restaurang", "Matlagning för à la carte och större gäster."),
	gy("SERSER01", "Servering 1", 100, "811c", "servering, restaurang", "Servering, gästbemötande och dryckeskunskap."),
	gy("INDINI0", "Industriella processer", 100, "521c", "industri, produktion", "Produktionsprocesser, kvalitet och säkerhet i industrin."),
	gy("PRUPRU01", "Produktionsutrustning 1", 100, "521c", "industritekniker, underhåll", "Maskiner, verktyg och förebyggande underhåll."),
	gy("SVTSVG0", "Svets grund", 100, "521c", "svets, mig, mag", "Grundläggande svetsmetoder och säkerhet."),
	gy("BYGBYG01", "Bygg och anläggning 1", 200, "582c", "bygg, snickare", "Material, verktyg och arbetsmiljö på byggarbetsplatsen."),
	gy("HUSHUS01", "Husbyggnad 1", 200, "582d", "snickare, husbygge", "Grundläggning, stomme och tak i småhusbyggande."),
}

// vuxPackages are vocational course packages (yrkespaket), configuration
// kurspaket; the big ones are what the county recruits for.
var vuxPackages = []course{
	{Code: "YPVOU", Title: "Vård- och omsorgsutbildning – undersköterska", Credits: 1500, SUN: "723o", Config: "kurspaket", Keys: "undersköterska, vård, omsorg, yrkesutbildning", About: "Yrkesutbildningen leder till skyddad yrkestitel som undersköterska och varvar teori med arbetsplatsförlagt lärande inom regionens och kommunernas vård."},
	{Code: "YPBAR", Title: "Barnskötare", Credits: 800, SUN: "761b", Config: "kurspaket", Keys: "barnskötare, förskola, yrkesutbildning", About: "Yrkespaketet förbereder dig för arbete i förskola och fritidshem."},
	{Code: "YPBAE", Title: "Barnskötare och elevassistent", Credits: 1000, SUN: "761b", Config: "kurspaket", Keys: "barnskötare, elevassistent, skola", About: "Du läser kurser för arbete både i förskola och som stöd till elever i skolan."},
	{Code: "YPELE", Title: "Elektriker", Credits: 1400, SUN: "522c", Config: "kurspaket", Keys: "elektriker, elinstallation, yrkesutbildning", About: "Utbildningen leder mot anställning som elektriker med lärlingstid i företag."},
	{Code: "YPLAS", Title: "Yrkesförare godstrafik (lastbilschaufför)", Credits: 1000, SUN: "840b", Config: "kurspaket", Keys: "lastbil, ce-körkort, ykb, yrkesförare", About: "Du tar C- och CE-körkort och yrkeskompetensbevis (YKB)."},
	{Code: "YPKOC", Title: "Kock", Credits: 1100, SUN: "811c", Config: "kurspaket", Keys: "kock, restaurang, storkök", About: "Utbildningen ger grunderna för arbete som kock i restaurang och storkök, med praktik i besöksnäringen."},
	{Code: "YPIND", Title: "Industritekniker", Credits: 800, SUN: "521c", Config: "kurspaket", Keys: "industri, cnc, underhåll", About: "Du lär dig produktion, underhåll och automation för arbete i tillverkningsindustrin."},
	{Code: "YPPAS", Title: "Personlig assistent", Credits: 500, SUN: "762b", Config: "kurspaket", Keys: "personlig assistent, lss", About: "Kurspaketet förbereder för arbete som personlig assistent."},
	{Code: "YPSTA", Title: "Stödassistent", Credits: 800, SUN: "723t", Config: "kurspaket", Keys: "stödassistent, lss, funktionsnedsättning", About: "Du lär dig stödja personer med funktionsnedsättning i boende och daglig verksamhet."},
	{Code: "YPLOK", Title: "Lokalvårdare", Credits: 400, SUN: "814b", Config: "kurspaket", Keys: "lokalvård, städ", About: "Metoder, maskiner och kemikalier för professionell lokalvård."},
	{Code: "YPLAG", Title: "Lager och logistik", Credits: 600, SUN: "341z", Config: "kurspaket", Keys: "lager, truck, logistik", About: "Lagerarbete, truckkörning och logistiksystem."},
	{Code: "YPTRA", Title: "Träarbetare/snickare", Credits: 1200, SUN: "582d", Config: "kurspaket", Keys: "snickare, bygg, trä", About: "Du lär dig husbyggnad och snickeri med lärlingstid hos byggföretag."},
	{Code: "YPFAS", Title: "Fastighetsskötare", Credits: 900, SUN: "582x", Config: "kurspaket", Keys: "fastighet, fastighetsskötare", About: "Drift och skötsel av fastigheter, utemiljö och installationer."},
	{Code: "YPSKO", Title: "Skogsmaskinförare", Credits: 1100, SUN: "623c", Config: "kurspaket", Keys: "skog, skördare, skotare", About: "Du kör skördare och skotare i simulator och i skogen."},
	{Code: "YPANL", Title: "Anläggningsförare", Credits: 1300, SUN: "582g", Config: "kurspaket", Keys: "anläggning, grävmaskin, hjullastare", About: "Utbildningen ger grunderna för att köra grävmaskin, hjullastare och dumper."},
	{Code: "YPBAK", Title: "Bagare och konditor", Credits: 1400, SUN: "541e", Config: "kurspaket", Keys: "bagare, konditor", About: "Bröd, bakverk och konditorivaror för hantverksbageri och butik."},
	{Code: "YPBUT", Title: "Butikssäljare", Credits: 600, SUN: "341z", Config: "kurspaket", Keys: "butik, handel, försäljning", About: "Försäljning, service och butikskommunikation."},
}

// vuxGR are grundläggande courses, counted in verksamhetspoäng.
var vuxGR = []course{
	{Code: "GRNSVEA", Title: "Svenska, delkurs 1", Credits: 100, SUN: "223a", Keys: "svenska, grundläggande"},
	{Code: "GRNSVEB", Title: "Svenska, delkurs 2", Credits: 100, SUN: "223a", Keys: "svenska, grundläggande"},
	{Code: "GRNSVAA", Title: "Svenska som andraspråk, delkurs 1", Credits: 100, SUN: "222g", Keys: "svenska som andraspråk, grundläggande"},
	{Code: "GRNSVAB", Title: "Svenska som andraspråk, delkurs 2", Credits: 100, SUN: "222g", Keys: "svenska som andraspråk, grundläggande"},
	{Code: "GRNSVAC", Title: "Svenska som andraspråk, delkurs 3", Credits: 100, SUN: "222g", Keys: "svenska som andraspråk"},
	{Code: "GRNSVAD", Title: "Svenska som andraspråk, delkurs 4", Credits: 100, SUN: "222g", Keys: "svenska som andraspråk"},
	{Code: "GRNMATA", Title: "Matematik, delkurs 1", Credits: 100, SUN: "461z", Keys: "matematik, grundläggande"},
	{Code: "GRNMATB", Title: "Matematik, delkurs 2", Credits: 100, SUN: "461z", Keys: "matematik, grundläggande"},
	{Code: "GRNMATC", Title: "Matematik, delkurs 3", Credits: 100, SUN: "461z", Keys: "matematik"},
	{Code: "GRNMATD", Title: "Matematik, delkurs 4", Credits: 100, SUN: "461z", Keys: "matematik"},
	{Code: "GRNENGA", Title: "Engelska, nationell delkurs 1", Credits: 100, SUN: "222b", Keys: "engelska, grundläggande"},
	{Code: "GRNENGB", Title: "Engelska, nationell delkurs 2", Credits: 100, SUN: "222b", Keys: "engelska"},
	{Code: "GRNSAM", Title: "Samhällskunskap, grundläggande", Credits: 50, SUN: "310b", Keys: "samhällskunskap"},
	{Code: "GRNHIS", Title: "Historia, grundläggande", Credits: 50, SUN: "225a", Keys: "historia"},
	{Code: "GRNGEO", Title: "Geografi, grundläggande", Credits: 50, SUN: "443z", Keys: "geografi"},
	{Code: "GRNBIO", Title: "Biologi, grundläggande", Credits: 50, SUN: "421a", Keys: "biologi"},
	{Code: "GRNDAT", Title: "Digital kompetens, grundläggande", Credits: 50, SUN: "482z", Keys: "dator, digital kompetens"},
}

// vuxSFI are sfi courses; sfi has no credits.
var vuxSFI = []course{
	{Code: "SFIKURA", Title: "Svenska för invandrare, kurs A", SUN: "080z", Keys: "sfi, svenska, nybörjare", About: "Kurs A är för dig som har kort eller ingen skolbakgrund och börjar lära dig läsa och skriva."},
	{Code: "SFIKURB", Title: "Svenska för invandrare, kurs B", SUN: "222g", Keys: "sfi, svenska", About: "Du lär dig vardagssvenska och enkla texter."},
	{Code: "SFIKURC", Title: "Svenska för invandrare, kurs C", SUN: "222g", Keys: "sfi, svenska", About: "Du tränar samtal om vardag, arbete och samhälle."},
	{Code: "SFIKURD", Title: "Svenska för invandrare, kurs D", SUN: "222g", Keys: "sfi, svenska, fortsättning", About: "Kurs D är sista kursen i sfi och förbereder för vidare studier och arbete."},
	{Code: "SFIKURB", Title: "Svenska för invandrare, kurs B, studieväg 2", SUN: "222g", Keys: "sfi, studieväg 2", About: "Studieväg 2 är för dig med några års skolbakgrund."},
	{Code: "SFIKURC", Title: "Yrkessfi – vård och omsorg", SUN: "222g", Keys: "sfi, yrkessvenska, vård", About: "Sfi kombinerad med vård- och omsorgskurser mot arbete som undersköterska."},
}

// vuxAnpassad are courses of anpassad utbildning (former särvux), on
// grundläggande (VUXGRAN) and gymnasial (VUXGYAN) level.
var vuxAnpassad = []struct {
	School string
	course
}{
	{"VUXGRAN", course{Code: "GRSSVE", Title: "Svenska, anpassad utbildning på grundläggande nivå", Credits: 100, SUN: "223a", Keys: "anpassad utbildning, svenska"}},
	{"VUXGRAN", course{Code: "GRSMAT", Title: "Matematik, anpassad utbildning på grundläggande nivå", Credits: 100, SUN: "461z", Keys: "anpassad utbildning, matematik"}},
	{"VUXGRAN", course{Code: "GRSSAO", Title: "Samhällsorienterande kunskaper, anpassad utbildning", Credits: 100, SUN: "310b", Keys: "anpassad utbildning, samhälle"}},
	{"VUXGYAN", course{Code: "GYSVÅR", Title: "Vård och omsorg, anpassad utbildning på gymnasial nivå", Credits: 200, SUN: "723o", Keys: "anpassad utbildning, vård"}},
	{"VUXGYAN", course{Code: "GYSENG", Title: "Engelska, anpassad utbildning på gymnasial nivå", Credits: 100, SUN: "222b", Keys: "anpassad utbildning, engelska"}},
	{"VUXGYAN", course{Code: "GYSHEM", Title: "Hem- och konsumentkunskap, anpassad utbildning", Credits: 100, SUN: "814a", Keys: "anpassad utbildning, hem och konsument"}},
}

package emil3gen

// YH providers, as named in MYH's decision table for the county.
var (
	iterum       = yhProv("1042", "Iterum Education AB", "iterum.se", "Prästgatan 50", "2380", "")
	wangen       = yhProv("1107", "Wången AB", "wangen.se", "Wången 425", "2309", "Föllinge")
	hermodsOst   = yhProv("1158", "Hermods AB Östersund", "hermods.se", "Storgatan 39", "2380", "")
	campusAre    = &providerDef{ID: "p.myh.1203", Name: "Campus Åre / Åre kommun", Body: "kommunal", BodyName: "Åre kommun", URL: "www.are.se/campusare", Email: "campusare@are.se", Phone: "0647-161 00", Street: "Jämtlandsvägen 88", Muni: "2321"}
	almostThere  = yhProv("1266", "Almost There AB", "almostthere.se", "Kyrkgatan 12", "2380", "")
	fuUmea       = yhProv("1281", "Folkuniversitetet – Kursverksamheten vid Umeå universitet", "folkuniversitetet.se", "Samuel Permans gata 3", "2380", "")
	hydrogenJH   = yhProv("1302", "Hydrogen JH AB", "hydrogenjh.se", "Industrivägen 4", "2309", "")
	hermodsUmea  = yhProv("1319", "Hermods AB Umeå", "hermods.se", "Skolgatan 31", "2480", "")
	yhAkademin   = yhProv("1344", "YH Akademin AB", "yhakademin.se", "Storgatan 20", "2281", "")
	oneAcademy   = yhProv("1377", "One Academy AB", "oneacademy.se", "Kungsgatan 10", "0180", "")
	kyh          = yhProv("1390", "KYH AB", "kyh.se", "Storgatan 25", "2380", "")
	flyinge      = yhProv("1412", "Flyinge AB", "flyinge.se", "Flyingevägen 1", "1280", "")
	elevera      = yhProv("1425", "Elevera Education Group", "elevera.se", "Drottninggatan 4", "0180", "")
	yhProviders  = []*providerDef{iterum, wangen, hermodsOst, campusAre, almostThere, fuUmea, hydrogenJH, hermodsUmea, yhAkademin, oneAcademy, kyh, flyinge, elevera}
	kkuProviders = []*providerDef{halland, backedal, birka, skurup}
)

func yhProv(num, name, domain, street, muni, townName string) *providerDef {
	return &providerDef{ID: "p.myh." + num, Name: name, Body: "enskild", URL: "https://www." + domain,
		Email: "info@" + domain, Phone: "010-" + num[:3] + " " + num[3:] + "0 00", Street: street, Muni: muni, Town: townName}
}

// yhRow is a programme of MYH's 2024 round for Jämtland (tabell 3 and 4):
// name, provider, municipality, YH points, study form, pace, SUN 5 field
// and SeQF level as decided. Granted programmes get more intakes.
type yhRow struct {
	Num     int
	Granted bool
	course
}

func yhp(num int, granted bool, title string, p *providerDef, muni string, points float64, distance bool, pace int, sun, seqf string, places int, keys, about string) yhRow {
	return yhRow{Num: num, Granted: granted, course: course{
		Code: "MYH-" + itoa(num), Title: title, Credits: points, SUN: sun, Level: seqf, Config: "program", Pace: pace, Places: places,
		Keys: keys, About: about, Prov: p, Muni: muni, Distance: distance}}
}

var yhRows = []yhRow{
	yhp(3727, true, "Lönespecialist", iterum, "2380", 315, true, 100, "345c", "5", 35, "lön, löneadministratör, hr", "Utbildningen ger dig kompetens att arbeta med lönehantering, arbetsrätt och lönesystem."),
	yhp(3455, true, "Kuskutbildningen i Brukshästkörning", wangen, "2309", 200, false, 50, "621f", "5", 12, "häst, brukshäst, skogskörning", "Du lär dig köra häst i skogsbruk, jordbruk och turism."),
	yhp(2984, true, "Stödpedagog inom funktionshinderområdet", hermodsOst, "2380", 200, true, 50, "723t", "5", 35, "stödpedagog, lss, funktionsnedsättning", "Utbildningen leder till arbete som stödpedagog i LSS-verksamheter."),
	yhp(4263, false, "Guest Experience Manager", campusAre, "2321", 400, false, 100, "812z", "5", 25, "besöksnäring, turism, hotell", "Utbildningen ger kompetens att leda gästupplevelser på fjälldestinationer."),
	yhp(4011, false, "Community Manager", almostThere, "2380", 300, true, 100, "340x", "5", 28, "sociala medier, community", "Du lär dig bygga och leda digitala communities för företag och organisationer."),
	yhp(4250, false, "Tandsköterska", fuUmea, "2380", 325, false, 100, "724e", "5", 20, "tandsköterska, tandvård", "Utbildningen leder till arbete som tandsköterska i allmän- och specialisttandvård."),
	yhp(3883, false, "Processtekniker med vätgaskompetens", hydrogenJH, "2309", 330, false, 100, "524d", "5", 20, "vätgas, processteknik, energi", "Utbildningen ger kunskap om vätgasproduktion och processteknik."),
	yhp(2968, false, "Specialistundersköterska inom vård och omsorg av äldre", hermodsOst, "2380", 200, true, 100, "723r", "5", 35, "specialistundersköterska, äldreomsorg", "Fördjupning för undersköterskor i vård av äldre."),
	yhp(2983, false, "Mekanikkonstruktör", hermodsOst, "2380", 400, true, 100, "521x", "5", 35, "cad, konstruktör", "Du lär dig konstruera i 3D-CAD och ta fram tillverkningsunderlag."),
	yhp(2977, false, "Elkonstruktör", hermodsOst, "2380", 400, true, 100, "522x", "5", 35, "elkonstruktör, el", "Utbildningen leder till arbete med elkonstruktion för bygg och industri."),
	yhp(3040, false, "Driftledare Växthus", hermodsOst, "2380", 210, true, 100, "622x", "5", 35, "växthus, odling", "Utbildningen ger kompetens att leda odling i kommersiella växthus."),
	yhp(2981, false, "Medicinsk vårdadministratör", hermodsUmea, "2380", 400, true, 100, "346a", "5", 35, "vårdadministratör, medicinsk sekreterare", "Utbildningen leder till arbete med journaler och administration i vården."),
	yhp(3624, false, "Hotel Supervisor", yhAkademin, "2321", 200, true, 100, "811b", "5", 30, "hotell, reception", "Utbildningen förbereder för arbetsledning inom hotell och konferens."),
	yhp(3340, false, "Affärsutvecklare besöksnäring", yhAkademin, "2380", 400, true, 100, "812z", "5", 25, "besöksnäring, affärsutveckling", "Du lär dig utveckla affärer och produkter i besöksnäringen."),
	yhp(3729, false, "Strategiskt inköp och upphandling", oneAcademy, "2380", 430, true, 100, "341z", "6", 35, "inköp, upphandling, lou", "Utbildningen ger kompetens inom strategiskt inköp och offentlig upphandling."),
	yhp(3575, false, "Elkrafttekniker", kyh, "2380", 300, false, 100, "522x", "5", 32, "elkraft, högspänning", "Utbildningen leder till arbete med elnät och högspänning."),
	yhp(3611, false, "Tilläggsutbildningen för yrkesverksamma hovslagare", flyinge, "2380", 200, true, 75, "621f", "5", 35, "hovslagare, häst", "Fortbildning för verksamma hovslagare."),
}

// fhsCourses are the county's folk high school courses.
var fhsCourses = []course{
	{Prov: birka, Code: "ALLM", Title: "Allmän kurs", Weeks: 34, SUN: "010a", Subject: "1817", Places: 30, Keys: "allmän kurs, behörighet, folkhögskola", About: "Allmän kurs ger dig grundläggande och särskild behörighet i en lugn studiemiljö vid Storsjön."},
	{Prov: birka, Code: "ALLMH", Title: "Allmän kurs med inriktning hälsa och friluftsliv", Weeks: 34, SUN: "010a", Subject: "32", Places: 24, Keys: "allmän kurs, friluftsliv, hälsa", About: "Behörighetsgivande studier kombinerade med friluftsliv och hälsa."},
	{Prov: birka, Code: "BEHP", Title: "Behandlingspedagog", Weeks: 68, SUN: "762c", Subject: "1764", Places: 28, Keys: "behandlingspedagog, socialt arbete", About: "Tvåårig yrkesutbildning för arbete på behandlingshem och i socialtjänst."},
	{Prov: birka, Code: "FRIT", Title: "Fritidsledarutbildning", Weeks: 68, SUN: "761c", Subject: "51", Places: 24, Keys: "fritidsledare, ungdom", About: "Yrkesutbildning för arbete på fritidsgårdar och i föreningsliv."},
	{Prov: birka, Code: "SVEN", Title: "Svenska från dag ett", Weeks: 17, SUN: "222g", Places: 20, Keys: "svenska, nyanländ", About: "Kursen ger nyanlända en start i svenska språket och samhället."},
	{Prov: birka, Code: "SKRD", Title: "Skrivarkurs på distans", Weeks: 17, Pace: 50, SUN: "223x", Places: 25, Distance: true, Keys: "skrivande, distans", About: "Du skriver egna texter och får respons i en skrivgrupp på nätet."},
	{Prov: birka, Code: "AKVS", Title: "Sommarkurs: akvarellmålning i fjällmiljö", Weeks: 1, SUN: "211x", Places: 14, Fee: 4900, Keys: "akvarell, måleri, sommarkurs", About: "En vecka med akvarellmålning i jämtländsk fjällmiljö."},
	{Prov: backedal, Code: "ALLM", Title: "Allmän kurs", Weeks: 34, SUN: "010a", Subject: "1817", Places: 25, Keys: "allmän kurs, behörighet", About: "Allmän kurs i Sveg med möjlighet till boende på skolan."},
	{Prov: backedal, Code: "ALLMD", Title: "Allmän kurs – distans", Weeks: 34, SUN: "010a", Places: 30, Distance: true, Keys: "allmän kurs, distans", About: "Behörighetsgivande studier på distans med träffar i Sveg."},
	{Prov: backedal, Code: "FJAL", Title: "Fjällkurs – friluftsliv i Härjedalen", Weeks: 17, SUN: "812z", Subject: "1835", Places: 16, Keys: "fjäll, friluftsliv, härjedalen", About: "Turer, fjällsäkerhet och ledarskap i Härjedalsfjällen."},
	{Prov: backedal, Code: "SLOJ", Title: "Slöjd och hantverk", Weeks: 34, SUN: "215z", Subject: "1773", Places: 16, Keys: "slöjd, hantverk, trä, textil", About: "Traditionellt och nutida hantverk i trä, textil och näver."},
	{Prov: halland, Code: "ALLM", Title: "Allmän kurs", Weeks: 34, SUN: "010a", Subject: "1817", Places: 25, Keys: "allmän kurs, behörighet", About: "Allmän kurs vid Hålland i Undersåker med natur och fjäll runt knuten."},
	{Prov: halland, Code: "FJGU", Title: "Fjällguideutbildning", Weeks: 34, SUN: "812z", Subject: "1835", Places: 16, Keys: "fjällguide, friluftsliv, guide", About: "Utbildning för arbete som guide i fjällmiljö, sommar och vinter."},
	{Prov: halland, Code: "MUSI", Title: "Musiklinjen", Weeks: 34, SUN: "212a", Places: 20, Keys: "musik, ensemble", About: "Ensemblespel, låtskrivande och studioteknik."},
	{Prov: halland, Code: "SKID", Title: "Vinterkurs: skidåkning och lavinkunskap", Weeks: 1, SUN: "813z", Places: 12, Fee: 6500, Keys: "skidor, lavin, vinterkurs", About: "En intensivvecka med offpiståkning och lavinkunskap i Åreområdet."},
}

// aubCourses are labour-market training courses procured by
// Arbetsförmedlingen; Subject is the SSYK 2012 group the course leads to.
var aubCourses = []course{
	{Title: "Vård- och omsorgsutbildning – undersköterska", Subject: "5321", SUN: "723o", Weeks: 40, Keys: "undersköterska, vård"},
	{Title: "Barnskötare", Subject: "5311", SUN: "761b", Weeks: 30, Keys: "barnskötare, förskola"},
	{Title: "Personlig assistent", Subject: "5343", SUN: "762b", Weeks: 12, Keys: "personlig assistent"},
	{Title: "Yrkesförare godstrafik – C/CE med YKB", Subject: "8332", SUN: "840b", Weeks: 20, Keys: "lastbil, ce-körkort, ykb"},
	{Title: "Bussförare med YKB", Subject: "8331", SUN: "840b", Weeks: 16, Keys: "buss, d-körkort, ykb"},
	{Title: "Truckförare", Subject: "8344", SUN: "840b", Weeks: 4, Keys: "truck, lager"},
	{Title: "Lager och logistik med truck", Subject: "4322", SUN: "341z", Weeks: 10, Keys: "lager, truck, logistik"},
	{Title: "Anläggningsmaskinförare", Subject: "8342", SUN: "582g", Weeks: 30, Keys: "grävmaskin, anläggning"},
	{Title: "Skogsmaskinförare", Subject: "8341", SUN: "623c", Weeks: 36, Keys: "skogsmaskin, skördare"},
	{Title: "Installationselektriker", Subject: "7411", SUN: "522c", Weeks: 40, Keys: "elektriker"},
	{Title: "Svetsare – MIG/MAG", Subject: "7212", SUN: "521c", Weeks: 20, Keys: "svets"},
	{Title: "Kock", Subject: "5120", SUN: "811c", Weeks: 30, Keys: "kock, restaurang"},
	{Title: "Restaurang- och köksbiträde", Subject: "9412", SUN: "811d", Weeks: 12, Keys: "kök, restaurang"},
	{Title: "Lokalvårdare", Subject: "9111", SUN: "814b", Weeks: 8, Keys: "lokalvård, städ"},
	{Title: "Mjukvaruutvecklare – Java", Subject: "2512", SUN: "481a", Weeks: 36, Keys: "programmering, java, systemutvecklare"},
	{Title: "IT-supporttekniker", Subject: "3512", SUN: "523e", Weeks: 24, Keys: "it-support, helpdesk"},
	{Title: "Snickare", Subject: "7111", SUN: "582d", Weeks: 40, Keys: "snickare, bygg"},
	{Title: "VVS-montör", Subject: "7125", SUN: "582f", Weeks: 40, Keys: "vvs, rörmokare"},
	{Title: "Fordonsmekaniker – lätta fordon", Subject: "7231", SUN: "525c", Weeks: 36, Keys: "fordon, mekaniker"},
	{Title: "Underhållsmekaniker", Subject: "7233", SUN: "521c", Weeks: 30, Keys: "underhåll, industri"},
	{Title: "Fastighetsskötare", Subject: "5152", SUN: "582x", Weeks: 20, Keys: "fastighet"},
	{Title: "Guide inom natur- och fjällturism", Subject: "5113", SUN: "812z", Weeks: 16, Keys: "guide, turism, fjäll"},
}

// stfCourses are study-association courses and circles: Weeks is the
// number of weekly meetings.
var stfCourses = []course{
	{Title: "Spanska för nybörjare", SUN: "222e", Weeks: 10, Fee: 1650, Keys: "spanska, språk"},
	{Title: "Italienska – fortsättning", SUN: "222x", Weeks: 10, Fee: 1650, Keys: "italienska, språk"},
	{Title: "Engelska konversation", SUN: "222b", Weeks: 8, Fee: 1350, Keys: "engelska, konversation"},
	{Title: "Norska för svenskar", SUN: "222x", Weeks: 8, Fee: 1200, Keys: "norska, jobb i norge"},
	{Title: "Sydsamiska – nybörjarcirkel", SUN: "223b", Weeks: 10, Fee: 0, Keys: "sydsamiska, samiska"},
	{Title: "Språkcafé – prata svenska", SUN: "222g", Weeks: 12, Fee: 0, Keys: "svenska, språkcafé"},
	{Title: "Stickning för nybörjare", SUN: "215z", Weeks: 6, Fee: 900, Keys: "stickning, handarbete"},
	{Title: "Vävning på vävstol", SUN: "215z", Weeks: 8, Fee: 1500, Keys: "vävning, textil"},
	{Title: "Keramik – drejning", SUN: "215z", Weeks: 8, Fee: 2400, Keys: "keramik, drejning, lera"},
	{Title: "Akvarellmålning", SUN: "211x", Weeks: 8, Fee: 1400, Keys: "akvarell, måla"},
	{Title: "Fotografera med mobilen", SUN: "213d", Weeks: 4, Fee: 750, Keys: "foto, mobil"},
	{Title: "Gitarr för nybörjare", SUN: "212a", Weeks: 10, Fee: 1800, Keys: "gitarr, musik"},
	{Title: "Körsång", SUN: "212a", Weeks: 14, Fee: 600, Keys: "kör, sång"},
	{Title: "Skoterförarbevis", SUN: "840b", Weeks: 1, Fee: 2500, Keys: "skoter, förarbevis"},
	{Title: "Jägarexamen – teori", SUN: "621x", Weeks: 10, Fee: 2800, Keys: "jakt, jägarexamen"},
	{Title: "Motorsågskörkort AB", SUN: "623c", Weeks: 2, Fee: 3200, Keys: "motorsåg, skog"},
	{Title: "Fjällvandring – grundkurs", SUN: "812z", Weeks: 3, Fee: 950, Keys: "fjällvandring, friluftsliv"},
	{Title: "Flugfiske och flugbindning", SUN: "624z", Weeks: 6, Fee: 1100, Keys: "flugfiske, fiske"},
	{Title: "Digital vardag – surfplatta och BankID", SUN: "482z", Weeks: 4, Fee: 300, Keys: "digital, seniorer, bankid"},
	{Title: "Excel grundkurs", SUN: "482z", Weeks: 5, Fee: 1900, Keys: "excel, kalkyl"},
	{Title: "Jämtländsk husmanskost", SUN: "811c", Weeks: 4, Fee: 1200, Keys: "matlagning, husmanskost"},
	{Title: "Hundkurs – valpkurs", SUN: "621g", Weeks: 6, Fee: 1450, Keys: "hund, valp"},
	{Title: "Släktforskning", SUN: "225a", Weeks: 6, Fee: 800, Keys: "släktforskning, historia"},
	{Title: "Yoga för kropp och sinne", SUN: "813z", Weeks: 8, Fee: 1200, Keys: "yoga, hälsa"},
	{Title: "Föreningskunskap för styrelser", SUN: "345a", Weeks: 3, Fee: 0, Keys: "förening, styrelse"},
}

// kkuCourses are post-secondary art and culture courses.
var kkuCourses = []course{
	{Prov: halland, Code: "DOKF", Title: "Dokumentärfilm", Weeks: 34, SUN: "213b", Subject: "786", Places: 14, Keys: "film, dokumentär", About: "Ettårig konstnärlig utbildning i dokumentärt berättande med film."},
	{Prov: halland, Code: "FOTO", Title: "Fotografi – berättande bild", Weeks: 34, SUN: "213d", Subject: "1048", Places: 14, Keys: "foto, fotografi", About: "Konstnärligt fotografi med fokus på berättelser från fjällvärlden."},
	{Prov: backedal, Code: "FORM", Title: "Form och hantverk i trä", Weeks: 34, SUN: "215z", Subject: "1056", Places: 12, Keys: "trä, formgivning, hantverk", About: "Formgivning och hantverk med material från skogen."},
	{Prov: birka, Code: "KONS", Title: "Konstnärlig grundutbildning", Weeks: 34, SUN: "211a", Places: 20, Keys: "konst, måleri, skulptur", About: "Måleri, teckning och skulptur som förberedelse för högre konstutbildning."},
	{Prov: skurup, Code: "SKRI", Title: "Skrivarlinjen – distans", Weeks: 34, Pace: 50, SUN: "223x", Places: 24, Distance: true, Keys: "skrivande, författare, distans", About: "Skrivarutbildning på distans med handledning och textsamtal."},
}

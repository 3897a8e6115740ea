package emil3gen

// University tables. Course codes follow the universities' pattern (two
// letters, three digits, G or A); UH_Subject codes are Susa-navet's subject
// codes for universities (from the real subject list of API 1.1).

func hs(code, title, eng string, hp float64, level, sun, uh, keys, about string) course {
	return course{Code: code, Title: title, Eng: eng, Credits: hp, Level: level, SUN: sun, Subject: uh, Keys: keys, About: about}
}

func prog(code, title, eng string, hp float64, level, sun, uh, keys, about string) course {
	c := hs(code, title, eng, hp, level, sun, uh, keys, about)
	c.Config, c.Pace = "program", 100
	return c
}

// english marks a course taught in English only.
func english(c course) course { c.Lang, c.Title = "eng", c.Eng; return c }

// miunCourses are Mittuniversitetet's courses given from Campus Östersund
// or at a distance from there.
var miunCourses = []course{
	hs("OM041G", "Omvårdnadens grunder", "Foundations of Nursing", 15, "G1N", "723x", "416", "omvårdnad, sjuksköterska", "Kursen behandlar omvårdnadens kunskapsgrund, personcentrerad vård och vårdrelationen."),
	hs("OM052G", "Palliativ vård i livets slutskede", "Palliative Care at the End of Life", 7.5, "G1F", "723x", "416", "palliativ vård, omvårdnad", "Kursen ger kunskap om symtomlindring, existentiella frågor och stöd till närstående."),
	hs("OM063G", "Demenssjukdomar och bemötande", "Dementia Care and Communication", 7.5, "G1N", "723r", "416", "demens, äldreomsorg", "Kursen tar upp demenssjukdomar, bemötande och anpassning av vårdmiljön."),
	hs("OM071G", "Farmakologi och läkemedelsberäkning", "Pharmacology and Drug Dosage Calculation", 7.5, "G1F", "727x", "416", "farmakologi, läkemedel", "Kursen behandlar läkemedels verkan och säker läkemedelshantering."),
	hs("OM108A", "Vård av äldre med komplexa vårdbehov", "Care of Older People with Complex Needs", 15, "A1N", "723l", "416", "äldre, specialistsjuksköterska", "Kursen fördjupar vårdens insatser för sköra äldre i kommunal och regional vård."),
	hs("FH019G", "Folkhälsovetenskap GR (A), introduktion", "Public Health Science BA (A), Introduction", 15, "G1N", "729z", "399", "folkhälsa, hälsa", "Kursen introducerar folkhälsans bestämningsfaktorer och hälsofrämjande arbete."),
	hs("FH033G", "Hälsofrämjande arbete i glesbygd", "Health Promotion in Rural Areas", 7.5, "G1F", "729z", "399", "folkhälsa, glesbygd", "Kursen belyser hälsa och tillgång till vård i glesa geografier."),
	hs("SA035G", "Socialt arbete GR (A)", "Social Work BA (A)", 30, "G1N", "762x", "", "socialt arbete, socionom", "Kursen ger en introduktion till socialt arbete som profession, praktik och forskningsfält."),
	hs("SA048G", "Missbruk och beroende", "Substance Abuse and Addiction", 7.5, "G1F", "762x", "", "missbruk, beroende, socialt arbete", "Kursen tar upp förklaringsmodeller, behandling och samhällets insatser vid beroende."),
	hs("SA052G", "Barn och unga i utsatta livssituationer", "Children and Young People in Vulnerable Situations", 7.5, "G1F", "761x", "", "barn, socialtjänst", "Kursen behandlar barns rättigheter och socialtjänstens arbete med barn och unga."),
	hs("SA061G", "Socialrätt", "Social Welfare Law", 7.5, "G1F", "380c", "", "juridik, socialtjänstlagen", "Kursen behandlar socialtjänstlagen, LVU och LVM."),
	hs("SA110A", "Evidensbaserat socialt arbete", "Evidence-Based Social Work", 7.5, "A1N", "762x", "", "socialt arbete, evidens", "Kursen behandlar kunskapsbaserad praktik och utvärdering."),
	hs("DT001G", "Introduktion till programmering i Python", "Introduction to Programming in Python", 7.5, "G1N", "481a", "595", "programmering, python", "Kursen ger grunderna i programmering med Python."),
	hs("DT012G", "Webbutveckling I", "Web Development I", 7.5, "G1N", "481a", "540", "webbutveckling, html, javascript", "Kursen behandlar HTML, CSS och JavaScript för moderna webbplatser."),
	hs("DT026G", "Databaser – modellering och implementering", "Databases – Modelling and Implementation", 7.5, "G1F", "481b", "595", "databaser, sql", "Kursen behandlar datamodellering, SQL och relationsdatabaser."),
	hs("DT043G", "Informationssäkerhet", "Information Security", 7.5, "G1F", "481x", "540", "informationssäkerhet, it-säkerhet", "Kursen tar upp hot, risker och skydd av information i organisationer."),
	hs("DT055G", "Användbarhet och interaktionsdesign", "Usability and Interaction Design", 7.5, "G1N", "481x", "543", "ux, interaktionsdesign", "Kursen behandlar användarcentrerad design och utvärdering av gränssnitt."),
	hs("DT071G", "Molntjänster och DevOps", "Cloud Services and DevOps", 7.5, "G2F", "481a", "546", "molntjänster, devops", "Kursen behandlar driftsättning, containrar och automatisering."),
	hs("DT099A", "Maskininlärning", "Machine Learning", 7.5, "A1N", "481b", "595", "ai, maskininlärning", "Kursen behandlar övervakad och oövervakad inlärning och neurala nätverk."),
	hs("FE001G", "Företagsekonomi GR (A), introduktion till företagsekonomi", "Business Administration BA (A), Introduction", 15, "G1N", "340a", "616", "företagsekonomi, ekonomi", "Kursen ger en översikt över organisation, marknadsföring och redovisning."),
	hs("FE014G", "Redovisning och beskattning", "Accounting and Taxation", 7.5, "G1F", "340e", "616", "redovisning, skatt", "Kursen behandlar extern redovisning, bokslut och företagsbeskattning."),
	hs("FE022G", "Marknadsföring", "Marketing", 7.5, "G1N", "340c", "476", "marknadsföring", "Kursen behandlar konsumentbeteende och marknadsplanering."),
	hs("FE031G", "Organisation och ledarskap", "Organisation and Leadership", 7.5, "G1N", "340d", "495", "ledarskap, organisation", "Kursen behandlar organisationsteori, ledarskap och förändringsarbete."),
	hs("FE045G", "Projektledning", "Project Management", 7.5, "G1N", "345a", "536", "projektledning", "Kursen behandlar projektets faser, planering och uppföljning."),
	hs("NA001G", "Nationalekonomi GR (A)", "Economics BA (A)", 15, "G1N", "314a", "571", "nationalekonomi", "Kursen behandlar mikro- och makroekonomins grunder."),
	hs("FE120A", "Hållbart företagande", "Sustainable Business", 7.5, "A1N", "340f", "616", "hållbarhet, företagande", "Kursen behandlar hållbarhet i affärsmodeller och företagsstyrning."),
	hs("PE022G", "Pedagogik GR (A), lärande och utveckling", "Education BA (A), Learning and Development", 15, "G1N", "142z", "", "pedagogik, lärande", "Kursen behandlar teorier om lärande och utveckling."),
	hs("PE046G", "Specialpedagogik – grundkurs", "Special Education – Introduction", 7.5, "G1N", "149a", "", "specialpedagogik", "Kursen behandlar inkludering och stöd för elever i behov av särskilt stöd."),
	hs("PE055G", "Svenska som andraspråk för lärare", "Swedish as a Second Language for Teachers", 15, "G1F", "223a", "", "svenska som andraspråk, lärare", "Kursen ger verktyg för språkutvecklande undervisning."),
	hs("PE060G", "Matematikdidaktik för grundskolans tidigare år", "Mathematics Education for Primary School", 7.5, "G1F", "144b", "", "matematikdidaktik, lärare", "Kursen behandlar elevers taluppfattning och undervisning i matematik."),
	hs("PE075G", "Studie- och yrkesvägledning i teori och praktik", "Career Guidance in Theory and Practice", 7.5, "G1F", "762f", "478", "vägledning, syv", "Kursen behandlar vägledningssamtal och karriärteorier."),
	hs("TU017G", "Turismvetenskap GR (A), introduktion till turism", "Tourism Studies BA (A), Introduction to Tourism", 15, "G1N", "812z", "", "turism, besöksnäring", "Kursen ger en översikt över turism som fenomen och näring."),
	hs("TU024G", "Naturbaserad turism och friluftsliv", "Nature-Based Tourism and Outdoor Recreation", 7.5, "G1F", "812z", "", "naturturism, friluftsliv", "Kursen behandlar friluftsliv, allemansrätt och naturbaserade upplevelser."),
	hs("TU031G", "Destinationsutveckling", "Destination Development", 7.5, "G1F", "812z", "", "destination, turism", "Kursen behandlar hur destinationer planeras, marknadsförs och utvecklas."),
	hs("TU047G", "Vintersportturism och fjällets besöksnäring", "Winter Sports Tourism in Mountain Destinations", 7.5, "G1F", "812z", "", "fjäll, vintersport, turism", "Kursen behandlar fjälldestinationer som Åre och Funäsdalen."),
	english(hs("TU103A", "Hållbar turismutveckling", "Sustainable Tourism Development", 7.5, "A1N", "812z", "", "sustainable tourism, tourism", "The course addresses sustainability challenges in tourism destinations.")),
	hs("ID010G", "Idrottsvetenskap GR (A), träningslära", "Sport Science BA (A), Training Theory", 15, "G1N", "813z", "553", "idrott, träning", "Kursen behandlar träningsfysiologi och planering av träning."),
	hs("ID021G", "Idrottspsykologi", "Sport Psychology", 7.5, "G1N", "813z", "", "idrottspsykologi", "Kursen behandlar motivation, mental träning och prestation."),
	hs("ID034G", "Fysisk aktivitet och hälsa", "Physical Activity and Health", 7.5, "G1N", "813z", "553", "fysisk aktivitet, hälsa", "Kursen behandlar sambanden mellan fysisk aktivitet och hälsa."),
	hs("ID045G", "Längdskidåkning – teknik och fysiologi", "Cross-Country Skiing – Technique and Physiology", 7.5, "G1F", "813z", "", "längdskidor, skidåkning", "Kursen behandlar teknik, fysiologi och testmetoder i längdskidåkning."),
	english(hs("ID120A", "Idrottsteknologi och prestationsanalys", "Sports Technology and Performance Analysis", 7.5, "A1N", "813z", "", "sports technology, performance analysis", "The course covers sensors, data and analysis of athletic performance.")),
	hs("PS001G", "Psykologi GR (A)", "Psychology BA (A)", 30, "G1N", "311x", "", "psykologi", "Kursen ger en bred introduktion till psykologins områden."),
	hs("SK010G", "Statsvetenskap GR (A)", "Political Science BA (A)", 30, "G1N", "313z", "", "statsvetenskap, politik", "Kursen behandlar politiska system, demokrati och offentlig förvaltning."),
	hs("JU020G", "Arbetsrätt", "Labour Law", 7.5, "G1N", "380c", "", "juridik, arbetsrätt", "Kursen behandlar anställningsskydd, kollektivavtal och medbestämmande."),
	hs("JU031G", "Förvaltningsrätt", "Administrative Law", 7.5, "G1N", "380c", "", "juridik, förvaltning", "Kursen behandlar myndighetsutövning och förvaltningslagen."),
	hs("KG010G", "Kulturgeografi – regional utveckling", "Human Geography – Regional Development", 7.5, "G1N", "312c", "", "regional utveckling, geografi", "Kursen behandlar befolkning, näringsliv och utveckling i glesa regioner."),
	hs("MK012G", "Medie- och kommunikationsvetenskap GR (A)", "Media and Communication Studies BA (A)", 15, "G1N", "321b", "503", "media, kommunikation", "Kursen behandlar mediernas roll i samhället."),
	hs("ST011G", "Statistik I", "Statistics I", 7.5, "G1N", "462z", "", "statistik", "Kursen behandlar beskrivande statistik, sannolikhet och inferens."),
	hs("MI012G", "Miljövetenskap – klimat och samhälle", "Environmental Science – Climate and Society", 7.5, "G1N", "422z", "483", "miljö, klimat", "Kursen behandlar klimatförändringar och samhällets omställning."),
	hs("EN011G", "Engelska GR (A), akademiskt skrivande", "English BA (A), Academic Writing", 7.5, "G1N", "222b", "", "engelska, skrivande", "Kursen tränar akademiskt skrivande på engelska."),
	hs("HI010G", "Historia GR (A), Norrlands historia", "History BA (A), The History of Norrland", 7.5, "G1N", "225a", "", "historia, norrland", "Kursen behandlar Norrlands historia från medeltid till industrialisering."),
	prog("VSJKG", "Sjuksköterskeprogrammet", "Study Programme in Nursing", 180, "G1N", "723a", "416", "sjuksköterska, omvårdnad, legitimation", "Programmet leder till sjuksköterskeexamen och legitimation, med verksamhetsförlagd utbildning i regionen."),
	prog("SSOCG", "Socionomprogrammet", "Social Work Programme", 210, "G1N", "762d", "", "socionom, socialt arbete", "Programmet leder till socionomexamen."),
	prog("SEKOG", "Ekonomprogrammet", "Business and Economics Programme", 180, "G1N", "340a", "616", "ekonom, företagsekonomi", "Programmet leder till ekonomie kandidatexamen."),
	prog("LFÖRG", "Förskollärarprogrammet", "Preschool Teacher Education", 210, "G1N", "143a", "", "förskollärare, lärare", "Programmet leder till förskollärarexamen."),
	prog("STURG", "Turismprogrammet – destinationsutveckling", "Tourism Programme – Destination Development", 180, "G1N", "812z", "", "turism, destination", "Programmet leder till kandidatexamen i turismvetenskap."),
	prog("SIDTG", "Idrottstränarprogrammet", "Sports Coaching Programme", 180, "G1N", "813z", "553", "idrottstränare, idrott", "Programmet leder till kandidatexamen i idrottsvetenskap."),
	prog("TDTAG", "Högskoleingenjör i datateknik", "Bachelor of Science in Engineering, Computer Engineering", 180, "G1N", "523c", "546", "ingenjör, datateknik", "Programmet leder till högskoleingenjörsexamen."),
	prog("ADSJA", "Specialistsjuksköterskeprogrammet – distriktssköterska", "Specialist Nursing Programme – District Nursing", 75, "A1N", "723h", "416", "distriktssköterska, specialistsjuksköterska", "Programmet leder till specialistsjuksköterskeexamen med inriktning mot distriktssköterska."),
	english(prog("ATUMA", "Masterprogram i turismvetenskap", "Master's Programme in Tourism Studies", 120, "A1N", "812z", "", "tourism, master", "The programme leads to a Master of Science in Tourism Studies.")),
}

// miunSundsvall are courses given at a distance from Campus Sundsvall.
var miunSundsvall = []course{
	hs("EL014G", "Elektroteknik GR (A)", "Electrical Engineering BA (A)", 7.5, "G1N", "522b", "550", "elektroteknik", "Kursen behandlar likström, växelström och elektriska kretsar."),
	hs("DT060G", "Programmering i C++", "Programming in C++", 7.5, "G1F", "481a", "546", "programmering, c++", "Kursen behandlar objektorienterad programmering i C++."),
	hs("JO010G", "Journalistik GR (A)", "Journalism BA (A)", 15, "G1N", "321a", "387", "journalistik", "Kursen behandlar nyhetsvärdering och journalistiskt skrivande."),
	hs("GD012G", "Grafisk design – grundkurs", "Graphic Design – Introduction", 7.5, "G1N", "213d", "", "grafisk design", "Kursen behandlar typografi, layout och visuell kommunikation."),
	hs("RK011G", "Risk- och krishantering", "Risk and Crisis Management", 7.5, "G1N", "861x", "", "kris, beredskap", "Kursen behandlar samhällets krisberedskap och riskanalys."),
	hs("SV014G", "Svenska språket GR (A)", "Swedish Language BA (A)", 15, "G1N", "223a", "", "svenska, språkvetenskap", "Kursen behandlar grammatik, språkhistoria och sociolingvistik."),
	hs("JU035G", "Juridisk översiktskurs", "Introduction to Law", 15, "G1N", "380c", "", "juridik, rätt", "Kursen ger en översikt över svensk rätt och rättskällorna."),
	hs("MT020G", "Medieteknik – webb och rörlig bild", "Media Technology – Web and Moving Image", 7.5, "G1N", "213x", "660", "medieteknik, video", "Kursen behandlar produktion av rörlig bild för webben."),
	hs("KE010G", "Kemi – grundkurs", "Chemistry – Introduction", 7.5, "G1N", "442z", "", "kemi", "Kursen behandlar kemins grundbegrepp och kemiska reaktioner."),
	hs("MA061G", "Envariabelanalys", "Calculus of One Variable", 7.5, "G1N", "461z", "", "matematik, analys", "Kursen behandlar gränsvärden, derivator och integraler."),
	hs("PS020G", "Utvecklingspsykologi", "Developmental Psychology", 7.5, "G1N", "311x", "", "psykologi, utveckling", "Kursen behandlar människans utveckling under livet."),
	hs("DT102G", "Databasteknik och SQL", "Database Technology and SQL", 7.5, "G1N", "481b", "595", "databaser, sql", "Kursen behandlar relationsdatabaser och frågespråket SQL."),
	hs("EK040G", "Skogsnäringens ekonomi", "Economics of the Forest Industry", 7.5, "G1N", "340f", "616", "skog, ekonomi", "Kursen behandlar skogsindustrins marknader och lönsamhet."),
	hs("EL031G", "Elektronik – mätteknik", "Electronics – Measurement Technology", 7.5, "G1F", "523d", "656", "elektronik, mätteknik", "Kursen behandlar mätinstrument och signalbehandling."),
	hs("IK010G", "Informatik GR (A)", "Informatics BA (A)", 15, "G1N", "481x", "447", "informatik, systemvetenskap", "Kursen behandlar informationssystem i organisationer."),
}

// otherHS are distance courses of other universities, per provider.
var otherHS = map[string][]course{
	"p.uoh.umu": {
		hs("SA007G", "Sydsamiska för nybörjare", "Southern Sami for Beginners", 7.5, "G1N", "223b", "", "samiska, sydsamiska, minoritetsspråk", "Kursen ger grundläggande färdigheter i sydsamiska."),
		hs("SA021G", "Samisk kultur och historia", "Sami Culture and History", 7.5, "G1N", "312b", "", "samisk kultur, sápmi", "Kursen behandlar samisk historia, kultur och samhälle."),
		hs("EP010G", "Epidemiologi – grundkurs", "Epidemiology – Introduction", 7.5, "G1N", "729z", "465", "epidemiologi, folkhälsa", "Kursen behandlar epidemiologiska mått och studiedesign."),
		hs("PE034G", "Pedagogiskt ledarskap", "Pedagogical Leadership", 7.5, "G1N", "142z", "495", "ledarskap, pedagogik", "Kursen behandlar ledarskap i pedagogiska verksamheter."),
		hs("RE011G", "Retorik GR (A)", "Rhetoric BA (A)", 15, "G1N", "223x", "", "retorik, kommunikation", "Kursen behandlar argumentation och framförande."),
		hs("SV021G", "Svenska som andraspråk GR (A)", "Swedish as a Second Language BA (A)", 15, "G1N", "222g", "", "svenska som andraspråk", "Kursen behandlar andraspråksinlärning och svensk grammatik."),
		hs("ST015G", "Statistik för beteendevetare", "Statistics for Behavioural Scientists", 7.5, "G1N", "462z", "", "statistik", "Kursen behandlar statistiska metoder inom beteendevetenskap."),
		hs("DV017G", "Programmeringsteknik med Java", "Programming Methodology with Java", 7.5, "G1N", "481a", "595", "programmering, java", "Kursen behandlar objektorienterad programmering i Java."),
	},
	"p.uoh.ltu": {
		hs("IE001G", "Industriell ekonomi – introduktion", "Industrial Economics – Introduction", 7.5, "G1N", "526x", "456", "industriell ekonomi", "Kursen behandlar ekonomistyrning i industriföretag."),
		hs("LO010G", "Logistik och försörjningskedjor", "Logistics and Supply Chains", 7.5, "G1N", "341z", "671", "logistik", "Kursen behandlar flöden av material och information."),
		hs("GT011G", "Gruvteknik – introduktion", "Mining Engineering – Introduction", 7.5, "G1N", "544x", "", "gruva, bergteknik", "Kursen behandlar brytningsmetoder och gruvans livscykel."),
		hs("MU020G", "Musikproduktion I", "Music Production I", 7.5, "G1N", "212a", "", "musikproduktion", "Kursen behandlar inspelning och mixning i hemmastudio."),
		hs("RY010G", "Rymdteknik – introduktion", "Space Technology – Introduction", 7.5, "G1N", "525x", "", "rymd, satelliter", "Kursen behandlar rymdmiljön, satelliter och uppskjutningar."),
		hs("EN020G", "Engelska för ingenjörer", "English for Engineers", 7.5, "G1N", "222b", "", "engelska, teknisk engelska", "Kursen tränar teknisk engelska i tal och skrift."),
		hs("AM012G", "Arbetsmiljöteknik", "Occupational Health and Safety Engineering", 7.5, "G1N", "851z", "", "arbetsmiljö", "Kursen behandlar riskbedömning och arbetsmiljöarbete."),
	},
	"p.uoh.lnu": {
		hs("LI012G", "Kreativt skrivande I", "Creative Writing I", 7.5, "G1N", "223x", "", "skrivande, litteratur", "Kursen tränar skrivande av prosa och lyrik."),
		hs("FR010G", "Franska för nybörjare", "French for Beginners", 7.5, "G1N", "222d", "", "franska", "Kursen ger grundläggande kunskaper i franska."),
		hs("SP011G", "Spanska I", "Spanish I", 15, "G1N", "222e", "", "spanska", "Kursen behandlar spansk grammatik och kommunikation."),
		hs("FM015G", "Fastighetsförmedling – juridik", "Real Estate Brokerage – Law", 7.5, "G1N", "343z", "", "fastighetsmäklare, juridik", "Kursen behandlar fastighetsrätt och förmedlarens ansvar."),
		hs("HI020G", "Sveriges historia", "Swedish History", 7.5, "G1N", "225a", "", "historia", "Kursen ger en översikt över Sveriges historia."),
		hs("PE071G", "Lärande i digitala miljöer", "Learning in Digital Environments", 7.5, "G1N", "142z", "", "digitalt lärande, pedagogik", "Kursen behandlar undervisning och lärande med digitala verktyg."),
		hs("SJ010G", "Sjöfart och hållbara transporter", "Shipping and Sustainable Transport", 7.5, "G1N", "840c", "", "sjöfart, transporter", "Kursen behandlar sjöfartens roll i hållbara transportsystem."),
	},
	"p.uoh.du": {
		hs("SV018G", "Svenska som främmande språk I", "Swedish as a Foreign Language I", 7.5, "G1N", "222g", "", "svenska, främmande språk", "Kursen är för dig som har annat modersmål än svenska."),
		hs("AR010G", "Arabiska I", "Arabic I", 7.5, "G1N", "222h", "", "arabiska", "Kursen ger grunderna i modern standardarabiska."),
		hs("KI011G", "Kinesiska I", "Chinese I", 7.5, "G1N", "222i", "", "kinesiska", "Kursen ger grunderna i kinesiska."),
		hs("JP011G", "Japanska I", "Japanese I", 7.5, "G1N", "222j", "", "japanska", "Kursen ger grunderna i japanska."),
		hs("TY011G", "Tyska I", "German I", 7.5, "G1N", "222c", "", "tyska", "Kursen ger grunderna i tyska."),
		hs("RY011G", "Ryska I", "Russian I", 7.5, "G1N", "222f", "", "ryska", "Kursen ger grunderna i ryska."),
		hs("LD010G", "Ljusdesign – grundkurs", "Lighting Design – Introduction", 7.5, "G1N", "214x", "685", "ljusdesign, belysning", "Kursen behandlar ljusets betydelse i rum och miljö."),
		hs("EG012G", "Energiteknik – solenergi", "Energy Technology – Solar Energy", 7.5, "G1N", "522x", "414", "energi, solceller", "Kursen behandlar solvärme, solceller och energisystem."),
	},
}

// campusCourses are on-site courses elsewhere (filtered out by a region
// importer).
var campusCourses = map[string][]course{
	"p.uoh.umu": {
		hs("BI001G", "Biologi GR (A)", "Biology BA (A)", 30, "G1N", "421a", "", "biologi", "Kursen ger en bred introduktion till biologi."),
		hs("KE012G", "Allmän kemi", "General Chemistry", 15, "G1N", "442z", "", "kemi", "Kursen behandlar kemins grunder med laborationer."),
		prog("LÄKAR", "Läkarprogrammet", "Study Programme in Medicine", 360, "G1N", "721a", "399", "läkare, medicin", "Programmet leder till läkarexamen."),
	},
	"p.uoh.ltu": {
		prog("TMAKA", "Civilingenjör i maskinteknik", "Master of Science in Mechanical Engineering", 300, "G1N", "521a", "611", "civilingenjör, maskinteknik", "Programmet leder till civilingenjörsexamen."),
		hs("MA011G", "Linjär algebra och differentialekvationer", "Linear Algebra and Differential Equations", 7.5, "G1N", "461z", "", "matematik", "Kursen behandlar matriser, vektorrum och differentialekvationer."),
	},
}

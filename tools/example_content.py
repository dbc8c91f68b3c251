"""The bundled example's texts and tables, taken from the reference report (aug 2024).

Figures that the tables compute are written as placeholders ({resultat.avvikelse}), so the
prose cannot contradict the tables: the reference's "-2,7" for row 520 becomes the
computed -2,9. Footnotes are inline (^[text]); bold is **text**, italic *text*.
"""

# ruff: noqa: E501

TEXTS = {'namndens_uppdrag': 'Nämndernas uppdrag regleras i Linköpings kommuns reglemente, för social- '
                     'och omsorgsnämnden som tillhör sektor välfärd och socialpolitik är '
                     'uppdraget:\n'
                     '\n'
                     'Nämnden ska inom kommunen svara för myndighetsutövning och verkställande '
                     'enligt:\n'
                     '\n'
                     '- socialtjänstlagen, förutom avseende personer som är 65 år och äldre samt '
                     'avseende försörjningsstöd och hemtjänst oavsett ålder\n'
                     '- socialtjänstlagen, socialpsykiatri oavsett ålder\n'
                     '- socialtjänstlagen, missbruksvård oavsett ålder\n'
                     '- socialförsäkringsbalken\n'
                     '- lag med särskilda bestämmelser om unga\n'
                     '- lag om vård av missbrukare i vissa fall\n'
                     '- lag om mottagande av asylsökande\n'
                     '- mottagande av ensamkommande barn\n'
                     '- brottsbalken\n'
                     '- lag med särskilda bestämmelser om unga lagöverträdare\n'
                     '- föräldrabalken\n'
                     '- namnlagen\n'
                     '- äktenskapsbalken\n'
                     '- lag om stöd och service till vissa funktionshindrade\n'
                     '- lotterilagen\n'
                     '- alkohollagen\n'
                     '- körkortslagen\n'
                     '- nikotinlagstiftningen, utom den tillsyn som ankommer på bygg- och '
                     'miljönämnden\n'
                     '- kontroll enligt lag om handel med vissa receptfria läkemedel\n'
                     '- lag om allmän försäkring\n'
                     '- lag om allmänna barnbidrag\n'
                     '- lagen om medling med anledning av brott\n'
                     '- övriga till området hörande lagar, förordningar och föreskrifter\n'
                     '\n'
                     'För personer som är under 65 år svarar nämnden även för:\n'
                     '\n'
                     '- utprovning och förskrivning av personliga hjälpmedel till personer under '
                     '65 år\n'
                     '- kommunal hälso- och sjukvård samt ledning av kommunal hälso- och '
                     'sjukvård inom nämndens ansvarsområde\n'
                     '- rekrytering och utbildning av familjehem, kontaktfamiljer och '
                     'kontaktpersoner\n'
                     '- fördelning av föreningsbidrag\n'
                     '\n'
                     'Nämnden ska besluta om utdelning i vissa donationsstiftelser med sociala '
                     'ändamål.\n'
                     '\n'
                     'Nämnden ska verkställa uppdraget genom beställning eller eget utförande '
                     'under förutsättning att utförandet av verksamhet till stor del bedrivs i '
                     'egen regi och/eller inte bedöms lämplig för konkurrensutsättning\n'
                     '\n'
                     'Delårsrapporten är en uppföljning av social- och omsorgsnämndens samlade '
                     'verksamhet utifrån bl.a. reglemente, internbudget och förvaltningens '
                     'verksamhetsplan. Genom uppföljningen kan slutsatser dras för att ta fram '
                     'planer och aktiviteter för fortsatt utveckling. Syftet med uppföljning är '
                     'att säkerställa att verksamhetens resurser används till det som avsetts, '
                     'få god ekonomisk kontroll och att säkerställa att verksamheten bedrivs '
                     'inom tilldelade ramar och i linje med målen för god ekonomisk hushållning.',
 'utvecklingsarbete': 'Social- och omsorgsnämnden och förvaltningen har högt uppsatta mål '
                      'avseende att utveckla och förändra verksamheten för att på sikt bli mer '
                      'ändamålsenlig och kostnadseffektiv utifrån nya samhällsutmaningar. '
                      'Bildandet av socialförvaltningen är en del av en sådan process där fokus '
                      'för organisation och arbetssätt utgår från att på bästa sätt kunna möta '
                      'intentionerna i den nya socialtjänstlag som förväntas införas 2025. Det '
                      'finns flera delar av lagstiftningen som fortfarande är under bearbetning '
                      'vilket kommer att föranleda behov av en dynamisk förvaltning framöver.\n'
                      '\n'
                      'Samverkan med övriga förvaltningar för att möta förändrade behov och '
                      'förutsättningar för välfärd är även en central del av förvaltningens '
                      'arbete. Exempelvis har arbetet med att införa nya metoder för att '
                      'förhindra att barn och unga hamnar i kriminalitet, tillsammans med '
                      'utbildningssektorn, fritid och polis intensifieras. Både Rätt kurva och '
                      'SSPF har en struktur och ett flöde för att fånga upp rätt barn och '
                      'ungdomar. För lite tid har förflutit för att kunna göra en uppföljning '
                      'och utvärdering.\n'
                      '\n'
                      'Förvaltningen har även påbörjat ett arbete för att förhindra '
                      'välfärdsbrottslighet, främst inom fakturahantering för områdena personlig '
                      'assistans och lokaler. Samverkan sker med övriga förvaltningar för att '
                      'dela erfarenheter och lära tillsammans.',
 'barn_och_unga': 'Förvaltningen har intensifierat arbetet med att hitta alternativa lösningar '
                  'på hemmaplan vad gäller dygnsvården för barn och unga. Det nya arbetssättet '
                  'innebär dels en fördjupad kartläggning av samtliga placeringar, dels att ta '
                  'fram alternativa lösningar på hemmaplan. Arbetet kommer att behöva fortgå '
                  'över tid, då arbetet ännu inte gett önskvärt resultat kostnadsmässigt. Det '
                  'kommer även att vara en omställning i att implementera nya arbetssätt och '
                  'planera för nya/alternativa insatser som möter behoven på hemmaplan.',
 'vuxna_inkl_lss': 'Arbetet med hemmaplanslösningar för brukare/klienter med '
                   'missbruksproblematik fortsätter. Målet är att uppnå en behovsanpassad '
                   'verksamhet, inte en insatsstyrd. Arbetet har inneburit kortare placeringar, '
                   'vilket har resulterat i en tydligt nedåtgående kurva för antal vård dygn.',
 'ekonomi_i_korthet': 'Social- och omsorgsnämndens reviderade budget 2024 som inkluderar en '
                      'åtgärdsplan på {122} miljoner kronor beslutades i nämnden den 28 mars '
                      '2024.\n'
                      '\n'
                      'Resultatet per 31 augusti 2024 visar ett underskott på '
                      '{resultat.avvikelse} miljoner kronor. Avvikelsen från budget ligger '
                      'framförallt inom LSS och inom IFO Barn och unga.\n'
                      '\n'
                      'Några av de beslutade ekonomiska åtgärderna har börjat ge effekt, '
                      'framförallt de från åtgärdsplanen som beslutades i augusti 2023. För den '
                      'stora merparten av åtgärderna, dvs. de som precis beslutades i den '
                      'utökade planen, kommer effekten dock att dröja i form av en synlig '
                      'förbättring av ekonomin. Helårsprognosen är därför densamma som i '
                      'delårsrapporten per mars, ett underskott på {prognos.avvikelse} miljoner '
                      'kronor.',
 'handelser': '- Som ett led i åtgärdsplanen har tre verksamheter avvecklats, Lotsen, Re-aktiva '
              'och boendet Hagaberg.\n'
              '- Barn- och unga har ett fortsatt högt tryck inom verksamhetsområdet. '
              'Orosanmälningar och utredningar fortsätter att öka jämfört med föregående år.\n'
              '- Kostnaderna per vård dygn inom barn och unga har ökat, bl a som en följd av '
              'samhällsutvecklingen och komplexiteten i problematiken hos målgruppen. Arbetet '
              'med att hitta lösningar inom kommunen både inom öppenvård och boende pågår '
              'intensivt.\n'
              '- Regionens sparkrav och minskning av verksamheten innebär en påverkan på '
              'socialtjänstens verksamheter, specifikt inom målgrupperna för socialpsykiatri och '
              'missbruk. Fler orosanmälningar och tidigare utskrivning från slutenvård ger '
              'konsekvenser för individen men även för socialtjänstens verksamheter i och med '
              'kommunens yttersta ansvar.\n'
              '- I juni 2024 implementerades en gränsdragning mellan Integrations- och '
              'arbetsmarknadsförvaltningen (IAF) och Socialförvaltningen (SF) avseende akut och '
              'strukturell hemlöshet. I omställningsarbetet har SF svårt att hitta resurser för '
              'att tillgodose de behov som gränsdragningen medför vilket påvisat ett behov av '
              'att utveckla våra insatser.\n'
              '- Skyddsplaceringar utifrån kriminalitet fortsätter att öka. Det är kostsamma '
              'placeringar på särskilda avtal där polisens bedömningar är styrande.\n'
              '- Hög personalomsättning, främst inom avdelning vuxna. Detta påverkar '
              'arbetsmiljö, produktivitet, utveckling och effektivitet.\n'
              '- Arbete med en effektivare bemanning inom LSS pågår med syfte att minska behovet '
              'av timanställda och minimera övertidskostnader. Uppföljning av detta '
              'omställningsarbete sker i åtgärdsplanen.\n'
              '- Under sommaren startade LSS Funktionsstöd upp serviceboendet Stolplyckan, '
              'omfattande 12 platser. De flesta platserna kommer att erbjudas till boende som '
              'idag är externt placerade. För närvarande är det klart med 8 platser.\n'
              '- Under året har det tydliggjorts behov av att på hemmaplan kunna erbjuda '
              'individuellt anpassade insatser för barn med komplexa behov. Verksamheten har '
              'påbörjats i liten skala där målet är att skapa en långsiktig och hållbar '
              'boendeform om 4 platser för barn med behov av enskild vård, där det finns en nära '
              'samverkan med regionen, skolan och nätverket.',
 'forvantad_utveckling': 'Delårsuppföljningen visar på en fortsatt negativ trend avseende antal '
                         'aktualiseringar och pågående ärenden. Det pågår kontinuerligt arbete '
                         'med att effektivisera handläggningen, men det höga inflödet i '
                         'kombination med vakanssituationen inom avdelningen påverkar '
                         'förvaltningens förmåga att klara handläggningen inom lagstadgad tid. '
                         'Ett omställningsarbete är påbörjat med syftet att minska dygnsvården '
                         'med flera lösningar på hemmaplan, ett arbete som kommer att vara '
                         'pågående över tid.\n'
                         '\n'
                         'Inom avdelning LSS kommer förändring inom korttidsvistelse för barn '
                         'och ungdomar att ske. Dels utifrån förändrade behov som kräver mer '
                         'individuella insatser men också som förberedelse för en ökning av '
                         'antalet barn från ht 2025 med behov av korttidstillsyn. Även '
                         'förändringar inom utbildningsförvaltningen avseende morgonomsorg samt '
                         'ledsagning skolskjuts påverkar verksamheten.',
 'budgetkommentar': 'I KS 2024-04-06 §106 (dnr 2024-421) beslutades att utifrån ett '
                    'nämndinitiativ tillföra 5 miljoner kronor till social- och omsorgsnämnden. '
                    'Det innebär att nämndens budgetram justerades upp från {1 800,9} miljoner '
                    'kronor till {prognos.budget} miljoner kronor.',
 'analys_investeringar': 'Investeringarna i prognos och investeringsram avser dels inköp av '
                         'kontorsmöbler till Drottninggatan 45, dels övriga investeringar i '
                         'kontorsutrustning. Fram till augusti har inga investeringar ännu '
                         'gjorts för Drottninggatan.\n'
                         '\n'
                         'Övriga investeringar gäller framförallt kontorsutrustning till en '
                         'verksamhetslokal i Skäggetorp där två enheter, myndighet och utförare '
                         'inom Nära socialtjänst, flyttar ihop. Syftet är att skapa en '
                         'tillgänglig socialtjänst som når ut i ett tidigare skede och som har '
                         'förtroende hos medborgarna samt att i samverkan myndighet och utförare '
                         'hitta nya arbetssätt. Även utrustning till det nyöppnade boendet i '
                         'Stolplyckan är redovisade under övriga investeringar.',
 'uppdrag_inledning': 'Kommunfullmäktige gav i Budget 2024 med plan för 2025–2029 strategiska '
                      'utvecklingsuppdrag till nämnderna. Åtgärder i enlighet med uppdragen har '
                      'inarbetats i nämndens internbudget för 2024 med plan för 2025-2029. I '
                      'tabellen nedan redovisas aktuell status för strategiska '
                      'utvecklingsuppdrag riktade till nämnden.',
 'lokalforsorjningsplan': 'Servicebostad Stolplyckan är under uppstart och inflyttning pågår.\n'
                          '\n'
                          'Byggnationen av gruppbestäderna i Harvestad och Vikingstad är '
                          'färdigställda och tas i bruk under hösten 2024 med start i '
                          'september.\n'
                          '\n'
                          'Hysesunderlag för kommande nybyggnation av gruppbestad i Ekängen har '
                          'beslutats i nämnden i juni och Lejonfastigheter arbetar nu vidare med '
                          'beslutsunderlag och förfrågningsunderlag. Planen är att gruppbestaden '
                          'ska vara i bruk under 2026.\n'
                          '\n'
                          'Lejonfastigheter har förvärvat en fastighet på Gurkvägen i Ekängen '
                          'som tidigare har varit förskola. Lejonfastigheter har fått i uppdrag '
                          'att ta fram skissunderlag på ett serviceboende med 12 lägenheter, '
                          'enligt lokalförsörjningsplanen för 6 platser 2026 och 6 platser '
                          '2028.\n'
                          '\n'
                          'Inflytt sker nu i Nära Socialtjänsts nya lokaler i Skäggetorp. '
                          'Framtagande av underlag för Nära Socialtjänst i flera stadsdelar, '
                          'främst Ryd, pågår just nu av Lejonfastigheter och följer planen.\n'
                          '\n'
                          'Utredningen av förutsättningarna för ett HVB för 3 permanenta platser '
                          'och en akutplats för barn/unga pågår och Lejonfastigheter arbetar med '
                          'att ta fram lämpliga lokaler som uppfyller förvaltningens '
                          'behovsbeskrivning. Planen är att detta ska kunna vara färdigställt '
                          'under 2025.',
 'internkontroll': 'Arbetet med internkontrollen är något eftersatt men samtliga '
                   'internkontrollmoment kommer att vara uppföljda vid bokslutet. En riskanalys '
                   'är genomförd rörande återsökning utbetalad retroaktiv ersättning vid beslut '
                   'om stöd till personlig assistans LSS 9:2. Några av de andra beslutade '
                   'riskanalyserna är påbörjade och planeras att vara genomförda inom ramen för '
                   'verksamhetsåret.\n'
                   '\n'
                   'Förvaltningen förbereder sig för den nya Socialtjänstlagen vilket kommer '
                   'medföra en annan hantering av bland annat statistik. Ett arbete pågår '
                   'utifrån rådande lagförslag och remissarbete samt förberedande av vad som i '
                   'framtiden ska dokumenteras. En plan finns för att vara förberedda när den '
                   'nya lagen träder i kraft.\n'
                   '\n'
                   '**Händelse av vikt:** Felaktigt inrapporterat underlag till Socialstyrelsen '
                   'vilket kunde medfört stora kostnader. Underlaget korrigerades och ingen '
                   'extra kostnad medfördes, dock fanns risken vilket tas med framgent. Rutinen '
                   'för inrapportering har setts över och gjorts om för att undvika liknande '
                   'händelse i framtiden.',
 'privata_utforare': 'Inom social- och omsorgsnämndens ansvarsområde finns i dagsläget '
                     'verksamhet som drivs i egenregi och av privata utförare, samt genom '
                     'ideburna offentliga partnerskap med civilsamhället.',
 'privata_barn_unga': 'Det finns 20 st olika öppenvårdsverksamheter för barn och unga, som drivs '
                      'genom egenregi. Av dessa sker 9 stycken i samverkan med andra '
                      'förvaltningar och/eller regionen. Bedömningen har varit att verksamheter '
                      'för barn och unga, som sker i samverkan, ska ske i egenregi för att skapa '
                      'kontinuitet, goda förutsättningar för samverkan men också flexibilitet. '
                      'Enbart två öppna insatser är upphandlade; familjestödande insatser och '
                      'anhörigstöd till barn och unga. Verksamheterna bedrivs av Eleonorgruppen '
                      'och Stadsmissionen i Östergötland.\n'
                      '\n'
                      'Familjehem bedrivs till 75% i egen regi. Resterande del används '
                      'konsulentstödda familjehem som upphandlats via ramavtal. Enligt den '
                      'familjehemsstrategi som togs fram under 2022 finns en ambition att öka '
                      'andelen familjehem i egen regi.\n'
                      '\n'
                      'Linköpings kommun har ramavtal för HVB barn och unga, Vid individuella '
                      'behov som ej kan tillgodoses inom ramavtal sker direktupphandling. Under '
                      '2023 har ett nytt ramavtal upprättats med löpande intag, vilket förväntas '
                      'minska behovet av direktupphandlingar.\n'
                      '\n'
                      'Insatser enligt LSS gällande korttidstillsyn och korttidsvistelse bedrivs '
                      'i kommunal regi. Kommunen har ett eget särskilt boenden enligt 9:8 LSS. '
                      'Det finns även ett ramavtal för externa boenden enligt LSS med möjlighet '
                      'att som aktör ansluta sig löpande under avtalstiden enligt samma modell '
                      'som för HVB barn och unga.\n'
                      '\n'
                      'Personlig assistans, samt ledsagning och avlösarservice sker både inom '
                      'kommunal och privat regi. Upphandling avseende kommunens ansvar för '
                      'personlig assistans pågår och nytt avtal förväntas träda ikraft 250101.\n'
                      '\n'
                      'Social- och omsorgsnämnden har tre ideburet offentliga partnerskap (IOP) '
                      'med civila aktörer för samverkan kring målgruppen barn och unga. Samtliga '
                      'samarbeten har följts upp under året, där det framkommer att parter har '
                      'utfört det som är överenskommet.',
 'privata_vuxna': 'Idag finns cirka 40 dagliga verksamheter, varav 13 verksamheter i privat '
                  'regi. LSS bostäder för vuxna drivs till cirka 50 % i egenregi och 50 % av '
                  'boendena drivs av privata utförare. Inom socialpsykiatri för vuxna, där stöd '
                  'ges i form av boendestöd, boenden och daglig verksamhet, bedrivs idag ungefär '
                  '65 % av egenregi och 35% av privata utförare.',
 'volym_kommentar': 'Accumulerat: Sammanlagd summa under redovisad period. Ett ärende är all '
                    'pågående aktivitet inom socialtjänsten för en enskild individ, dvs: kan '
                    'innefatta både utredning, uppföljning och insatser. Dygnsvård används för '
                    'att beskriva insatser som ger vård och behandling eller omsorg på '
                    'heldygnsbasis under mer än halva månaden eller som bedrivs inom jourhem och '
                    'akuthem även om dessa är en kortare period.\n'
                    '\n'
                    'Boendestöd inom IFO låg tidigare i insatstypen Öppenvård och blev först '
                    'under 2021 en egen insatstyp. Det innebär att det kan finnas ett antal '
                    'personer som har beslut som fattats innan dess som är registrerade inom '
                    'öppenvården och därmed inte inkluderas i redovisade siffror.',
 'analys_ekonomi': 'Social- och omsorgsnämndens reviderade budget 2024 beslutades i nämnden den '
                   '28 mars 2024. Den reviderade budgeten som även inkluderar den egna regin '
                   'inom LSS funktionsstöd och Råd och stöd visade ett stort underskott på drygt '
                   '{120} miljoner kronor. Underskottet kan framförallt härledas till LSS samt IFO '
                   'Barn och unga och är dels effekter av den höga inflationen 2023 och 2024, '
                   'dels påverkan från samhällsutvecklingen som medför ökade behov av insatser '
                   'inom avdelning Barn och unga.\n'
                   '\n'
                   'Uppdraget och målet för nämnden är att ha en budget i balans. Nämnden '
                   'beslutade i augusti 2023 om en åtgärdsplan som skulle ge effekt med {31} '
                   'miljoner kronor under 2024. Med den negativa kostnadsutvecklingen under '
                   'hösten 2023 och med den nya förvaltningsorganisationen som inkluderar '
                   'egenregin bedömdes den beslutade åtgärdsplanen som otillräcklig för att '
                   'komma i budgetbalans. Förvaltningen tog därför under kvartal 1 2024 fram en '
                   'utökad åtgärdsplan som tillsammans med den beslutade åtgärdsplanen 2023 ska '
                   'ge {121,8} miljoner kronor positiv effekt 2024.\n'
                   '\n'
                   '**Resultatet ackumulerat per 31 augusti 2024 visar ett underskott på '
                   '{resultat.avvikelse} miljoner kronor.**\n'
                   '\n'
                   'Av dessa utgör verksamheten i egen regi {utfall.egen_regi.avvikelse} '
                   'miljoner kronor, varav LSS Funktionsstöd har ett underskott jämfört med '
                   'budget på {utfall.lss_funktionsstod.avvikelse} miljoner kronor och Råd och '
                   'stöd ett överskott på {utfall.rad_och_stod.avvikelse:+} '
                   'miljoner kronor. Av beslutade åtgärder har de flesta startats upp men fram '
                   'till och med augusti inte fått någon effekt.\n'
                   '\n'
                   '**Helårsprognosen bibehålls på samma nivå som delår 07, dvs social- och '
                   'omsorgsnämnden prognostiseras ha ett underskott på {prognos.avvikelse:0} '
                   'miljoner kronor för året.**\n'
                   '\n'
                   'Av resultatet per den 31 augusti 2024 finns de största avvikelserna inom:\n'
                   '\n'
                   '- **Insatser LSS, SFB, HSL** (här ingår LSS-boenden i egen regi och '
                   'upphandlade utförare samt externplaceringar, assistans och daglig '
                   'verksamhet) hade ett underskott på {utfall.513.avvikelse} miljoner kronor. '
                   'Till det ska adderas "Resultat nämndens enheter" vilket framförallt består '
                   'av negativ avvikelse mot budget för LSS funktionsstöd '
                   '{utfall.lss_funktionsstod.avvikelse} miljoner kronor. '
                   'LSS verksamhetsområde har alltså totalt {utfall.grupp.lss.avvikelse} miljoner '
                   'kronor negativ '
                   'avvikelse. Åtgärdsplanen som påverkar verksamhetsområdet men som inte fått '
                   'genomslag uppgår till {25} miljoner kronor för perioden. Bland annat har '
                   'verksamheten i egen regi inte lyckats dra ned på timvikarier i den '
                   'omfattning som budgeterats.\n'
                   '- **Insatser för personer med funktionsnedsättningar** (här ingår '
                   'socialpsykiatri, vilket omfattar boenden som är upphandlade och i egen regi '
                   'samt externa placeringar, boendestöd, dagverksamhet för målgruppen samt '
                   'personliga ombud) har ett mindre underskott på {utfall.520.avvikelse} '
                   'miljoner kronor. Åtgärdsplanen som påverkar verksamhetsområdet och som inte '
                   'realiserats uppgår till {10} miljoner kronor för perioden. Här har '
                   'åtgärdsplanen fått effekt bland annat i form av externa placeringar som '
                   'kunnat erbjudas plats i hemkommunen.\n'
                   '- **Vuxna med missbruksproblem** (omfattar dygnsvård, stödboenden samt '
                   'dagvård missbruk) har ett underskott på {utfall.559.avvikelse} miljoner '
                   'kronor. Underskottet beror på ett ökat antal kostsamma LVM^[LVM Lagen om '
                   'vård av missbrukare i vissa fall]-placeringar, där den positiva '
                   'kostnadsutvecklingen från tidigare vänt, men en viss återhämtning ses från '
                   'och med juli. Åtgärdsplanen relaterad till verksamhetsområdet och som inte '
                   'är fullt realiserad uppgår till {8} miljoner kronor för perioden.\n'
                   '- **Barn och ungdomsvård** (inkluderar kostnader för dygnsplaceringar i HVB- '
                   'och SiS-hem, arvoderade eller konsulentstödda familjehem samt öppna insatser '
                   'för barn och unga, områdesarbete och kontaktfamiljer) visar ett underskott '
                   'på {utfall.569.avvikelse} miljoner kronor. Området har fortsatt höga '
                   'kostnader för dygnsplaceringar, inklusive de som är kopplade till '
                   'gängkriminalitet. Volymerna, dvs antal vårddyggn i familjehem har ökat men '
                   'genom familjehemsstrategin^[Familjehemsstrategin syftar till att öka '
                   'arvoderade, egna familjehem i förhållande till konsulentstödda familjehem] '
                   'hålls budget. Volymerna för HVB-placeringar har ökat trots ändrat arbetssätt '
                   'med aktiviteter kopplade till åtgärdsplanen, där man avslutat placeringar '
                   'och gjort hemtagningar. Därutöver har snittpriset för vårddyggnen ökat '
                   'kraftigt. Många utförare har börjat kräva tilläggsavtal för att ta emot '
                   'individer. Åtgärdsplanen som påverkar verksamhetsområdet uppgår till {32} '
                   'miljoner kronor för perioden. Det blir viktigt framöver att öka takten i att '
                   'ta fram möjliga alternativ på hemmaplan istället för en dygnsplacering '
                   'utanför kommunen.\n'
                   '- **Övriga verksamhetsområden inklusive egenregin inom Råd och stöd** har '
                   'totalt en positiv avvikelse mot budget på {utfall.grupp.ovriga.avvikelse:+} '
                   'miljoner kronor, där Råd och stöd står för {utfall.rad_och_stod.avvikelse:+} '
                   'miljoner kronor. Vakanshållning av tjänster, minskning av '
                   'vikarier samt ej nyttjande av ofördelade medel är några orsaker till '
                   'överskottet.\n'
                   '\n'
                   'Den rullande årskostnaden för dygnsplaceringar barn och unga har på ett år '
                   'ökat från under {150} miljoner kronor till {200} miljoner kronor. Ökningen '
                   'består dels av ökade volymer men även ökad vårddygnskostnad då de individer '
                   'som placeras anses ha mer komplexa behov. En del av kostnadsökningen, men '
                   'inte hela, är relaterad till gängkriminalitet enligt den uppföljning och '
                   'kategorisering som görs. Aktiviteter relaterade till åtgärdsplanen genomförs '
                   'men får på grund av detta inte genomslag i utvecklingen.\n'
                   '\n'
                   '[diagram C5]\n'
                   '\n'
                   'Diagrammet nedan visar ett fortsatt högt tryck på mottagningsenheterna inom '
                   'avdelning Barn och unga. Antal aktualiseringar^[Aktualiseringar innebär '
                   'orosanmälningar och ansökningar till socialtjänsten] ökade 2023 jämfört '
                   'med tidigare år och under åtta månader 2024 har en ytterligare ökning '
                   'skett.\n'
                   '\n'
                   '[diagram C1]\n'
                   '\n'
                   'Det ökade antalet ärenden återspeglar sig bland annat i att antal vårddyg i '
                   'familjehemsplaceringar ökar. Antal vårddyg till och med augusti var 7 % '
                   'högre än 2023. Tack vare familjehemsstrategin som har som mål att minska '
                   'andelen konsultentstödda och öka andelen arvoderade familjehem har budgeten '
                   'ändå kunnat hållas. Till och med augusti var andelen konsultentstödda '
                   'familjehem 25,8 % med en ökning de sista månaderna (mål 25%).\n'
                   '\n'
                   '[diagram C2]\n'
                   '\n'
                   'Antal vårddyg i HVB har ökat med 16 % från samma period föregående år. '
                   'Andelen dygnsplaceringar kopplade till gängkriminalitet har sjunkit något '
                   'men ligger fortfarande på drygt 19 % av alla placeringar inom Barn och unga. '
                   'Totalt motsvarar det en kostnad på {23,5} miljoner kronor januari till '
                   'augusti.\n'
                   '\n'
                   '[diagram C3]\n'
                   '\n'
                   'Inom avdelning vuxna har ett omställningsarbete pågått under flera år med '
                   'att erbjuda hemmaplanslösningar, något som avspeglat sig i såväl minskat '
                   'antal vårddygn som lägre kostnader. I slutet av 2023 vände utvecklingen på '
                   'grund av ökat behov och ett antal kostsamma LVM^[LVM Lagen om vård av '
                   'missbrukare i vissa fall]-placeringar. Ett flertal av dem är nu avslutade '
                   'och nivån för juli-augusti 2024 ligger på samma nivå som 2023.\n'
                   '\n'
                   '[diagram C4]',
 'bilagor': '- Uppföljning av förvaltningens verksamhetsplan\n'
            '- Uppföljning av nämndens lokalförsörjningsplan'}

GOALS = [{'area': 'Samhälle',
  'name': 'En socialtjänst som tidigt upptäcker och förebygger våld',
  'intro': '',
  'bedomning': 'Uppfyllt',
  'text': '- Under året utbildas löpande medarbetare inom förvaltningen i traumascreening och '
          '"våga fråga om våld". Riktade informationsinsatser ges till de grupper som vid '
          'uppföljning av registrering i Treserva inte uppfyller målet med att fråga om våld '
          'vilket har gett ett positivt resultat under året.\n'
          "- Det finns två 'våldsombud' på arbetsplatsen som har ett riktat uppdrag att "
          'informera om våld både avseende klienter/brukare men även våld mot handläggare i '
          'tjänsten.'},
 {'area': 'Samhälle',
  'name': 'Ett Linköping med minskad segregation',
  'intro': '',
  'bedomning': 'Delvis uppfyllt',
  'text': '- Skäggetorps familjecentral prövar ny arbetsmodell\n'
          '- Nya föräldrastödsprogram\n'
          '- Fortsatt samverkan på olika sätt med civilsamhället\n'
          '- Utbildning i kommunikation med personer som har funktionsnedsättning för att öka '
          'delaktighet och möjlighet till påverkan.'},
 {'area': 'Medborgare',
  'name': 'Ett Linköping med nära socialtjänst',
  'intro': '',
  'bedomning': 'Uppfyllt',
  'text': '- Socialtjänst Skäggetorp är verkställt, med nära samverkan i området med förskola, '
          'skola, civilsamhälle, kultur/fritid mfl. Samverkansformer/processer framtagna för '
          'områdena Berga, Lambohov/Ryd.\n'
          '- Rätt Kurva och SSPF verkställt.\n'
          '- Deltagande i NUSO, där baslinjemätning sker inför införandet av ny '
          'socialtjänstlag.\n'
          '- Uppdragstagare (familjehem m fl) har utbildats i hur de bättre ska kunna '
          'uppmärksamma att barn/unga dras in i kriminalitet.\n'
          '- Kartläggning av vilket föräldraskapsstöd som erbjuds inom kommunen är genomfört. '
          'Informationsplattform på kommunens hemsida, broschyrer och filmer är framtagna och '
          'kommer att lanseras under vecka 37. Arbetet med att tydliggöra aktuella målgrupper '
          'för föräldraskapsstöd pågår.'},
 {'area': 'Medborgare',
  'name': 'Vård, stöd och omsorgstjänster med hög kvalitet',
  'intro': '',
  'bedomning': 'Delvis uppfyllt',
  'text': '- Genomlysning och kartläggning av hur tillgängligheten till insatserna '
          'kortids/fritids LSS barn och unga kan effektiviseras. Uppdraget är återrapporterat '
          'och framtagna förslag går in i pågående genomlysning LSS\n'
          '- Uppföljning och egenkontroll har utförts för att säkerställa att nya riktlinjer för '
          'boendestöd följs, och att det finns en tydlig individuell bedömning där avsteg från '
          'riktlinjen görs. Frekventa uppföljningar görs av handläggare med utförare och '
          'brukare/klient för att säkerställa att insatsen faktiskt tillgodoser behoven och att '
          'man arbetar mot målen i vårdplanen.'},
 {'area': 'Ekonomi',
  'name': 'Hållbar ekonomi',
  'intro': 'Nämndmålet bedöms delvis uppnås vid helår 2024. Bedömningen baseras delvis på de '
           'indikatorer som satts upp i budgeten.',
  'bedomning': 'Delvis uppfyllt',
  'text': '- Andelen konsulentstödda familjehem har minskat kontinuerligt sedan 2022 som en '
          'följd av det strukturerade arbetet med familjehemsstrategin.\n'
          '- Jämförelser med R9-kommunerna vad gäller kostnadsnivåer visar att Linköpings kommun '
          'är kostnadseffektiva för vissa verksamheter, samtidigt som kommunen har högre '
          'kostnader i jämförelse i andra delar. Bedömningen tar delvis även hänsyn till social- '
          'och omsorgsnämndens helårsbedömning, som efter augusti visar på '
          '({prognos.avvikelse:0} mnkr) att nämnden inte kommer att ha budget i balans för året '
          '2024.'},
 {'area': 'Verksamhet',
  'name': 'En organisation med hög produktivitet och effektivitet',
  'intro': '',
  'bedomning': 'Ej uppfyllt',
  'text': '- Förvaltningen arbetar med att effektivisera handläggningstiderna. Arbetet försvåras '
          'av hög personalomsättning samt högt inflöde.'},
 {'area': 'Verksamhet',
  'name': 'En organisation som upptäcker och förhindrar välfärdsbrott',
  'intro': '',
  'bedomning': 'Delvis uppfyllt',
  'text': '- Process framtagen för att effektivisera återsökningen av personlig assistans, som '
          'ett led i att minska välfärdsbrotten.\n'
          '- Rekrytering pågår av LSS-handläggare med delat uppdrag att minska risken för '
          'välfärdsbrott när det gäller utbetalning av exempelvis sjuklöner inom personlig '
          'assistans.\n'
          '- Förvaltningen har representant med i styrgruppen för det nybildade '
          'arbetslivskriminalitetscentrum (AKC), som är kopplat till arbetet med människohandel '
          'och prostitution.'},
 {'area': 'Medarbetare',
  'name': 'Goda arbetsplatser',
  'intro': '',
  'bedomning': 'Delvis uppfyllt',
  'text': '- Den totala sjukfrånvaro har ökat. Ökningen är störst inom yrkesgrupperna personlig '
          'assistans, vårdare och biståndsbedömare.\n'
          '- Antalet rapporterade arbetsskador och tillbud har ökat och en övervägande del är '
          'kopplat till hot och våld på arbetsplatsen.\n'
          '- Hög personalomsättning och förändringar inom avdelning vuxen som skapar oro\n'
          '- Förändringar i och med omorganisation skapar både oro och engagemang\n'
          '- Förvaltningen arbetar med friskfaktorer för medarbetarna utifrån Sunt Arbetslivs '
          'material. Strukturena för mentorskap för nyanställda har utvecklats.\n'
          '- Det finns handlingsplan för kompetensutveckling samt handledning'},
 {'area': 'Medarbetare',
  'name': 'Hållbart chef- och ledarskap',
  'intro': '',
  'bedomning': 'Delvis uppfyllt',
  'text': '- Antalet medarbetare per chef ligger under 30.\n'
          '- Chefsindex ligger väsentligt lägre jämfört med Linköpings kommun.\n'
          '- Förvaltningen behöver fortsätta arbeta med att stärka chefs- och ledarskapet och '
          'förutsättningar för det.'},
 {'area': 'Medarbetare',
  'name': 'Nya vägar för kompetensförsörjning',
  'intro': '',
  'bedomning': 'Delvis uppfyllt',
  'text': '- Andelen heltidsanställningar har ökat trots att förvaltningen har fattat beslut om '
          'att avvakta med att erbjuda fler heltidsanställningar.\n'
          '- Med inriktningen en budget i balans och att vi har interna förflyttningar förväntas '
          'personalomsättningen ligga lägre jämfört med föregående år. Det beror troligtvis '
          'också på att det finns en samhällsutveckling i länet som innebär minskning av '
          'personal. Och att satsningar på att förbättra arbetsmiljön realiserar i '
          'förvaltningen.'}]

UPPDRAG = [{'group': 'Kommungemensamma',
  'text': 'Samtliga nämnder ska fortsätta arbetet med civil beredskap (totalförsvarsplanering '
          'och kommunens krigsorganisation).',
  'note': '',
  'status': 'Pågår'},
 {'group': 'Kommungemensamma',
  'text': 'Samtliga nämnder ska inom ramen för sitt basuppdrag vidta åtgärder och intensifiera '
          'arbetet för att minska och motverka strukturella orsaker till segregation.',
  'note': '',
  'status': 'Pågår'},
 {'group': 'Kommungemensamma',
  'text': 'Samtliga nämnder ska inom ramen för sitt basuppdrag bidra till samordningen av '
          'kommunens trygghetsskapande och brottsförebyggande åtgärder.',
  'note': '',
  'status': 'Pågår'},
 {'group': 'Kommungemensamma',
  'text': 'Samtliga nämnder ska i enlighet med politiska styrdokument prioritera, avsätta '
          'resurser och genomföra åtgärder inom ekologisk hållbarhet.',
  'note': '',
  'status': 'Klar'},
 {'group': 'Kommungemensamma',
  'text': 'Samtliga nämnder ska vidta och genomföra åtgärder i enlighet med '
          'arbetsmarknadsprogram med handlingsplan.',
  'note': '',
  'status': 'Pågår'},
 {'group': 'Kommungemensamma',
  'text': 'Samtliga nämnder ska vidta och genomföra åtgärder i enlighet med '
          'näringslivsprogrammet fokusområden.',
  'note': '',
  'status': 'Pågår'},
 {'group': 'Kommungemensamma',
  'text': 'Samtliga nämnder ska där det är möjligt ställa sysselsättningskrav i upphandlingar '
          'som innebär att leverantören avsätter anställningar för personer som står långt ifrån '
          'arbetsmarknaden.',
  'note': '',
  'status': 'Klar'},
 {'group': 'Kommungemensamma',
  'text': 'Samtliga nämnder ska i samverkan med kommunstyrelsen och arbetsmarknadsnämnden införa '
          '500 nya arbetsmarknadsplatser inom kommunkoncernen. Bland platserna ska praktik och '
          'ökade anställningsmöjligheter för personer med funktionsnedsättning säkerställas.',
  'note': '',
  'status': 'Pågår'},
 {'group': 'Kommungemensamma',
  'text': 'Samtliga nämnder ska eftersträva att finansiera mer verksamhetsutveckling och fler '
          'utvecklingsprojekt med extern finansiering, exempelvis genom finansiering från EU:s '
          'fonder och program för projekt som ligger i linje med kommunens strategiska '
          'utvecklingsområden',
  'note': '',
  'status': 'Klar'},
 {'group': 'Kommungemensamma',
  'text': 'Samtliga nämnder ska förbättra förutsättningarna för och utveckla arbetet mot '
          'företags och föreningars välfärdsbrott. Ett särskilt fokus ska vara på att utveckla '
          'och förbättra arbetet med avtals- och bidragsuppföljning samt kontroll.',
  'note': '',
  'status': 'Pågår'},
 {'group': 'Kommungemensamma',
  'text': 'Samtliga nämnder ska öka användandet av digitaliseringens möjligheter för förbättrad '
          'service till medborgare samt fortsatt verksamhetsutveckling och effektivisering.',
  'note': '',
  'status': 'Pågår'},
 {'group': 'Kommungemensamma',
  'text': 'Samtliga nämnder ska utifrån perspektivet friskfaktorer vidta åtgärder i syfte att '
          'stärka chefers förutsättningar, minska personalomsättningen och minska sjukfrånvaron.',
  'note': '',
  'status': 'Pågår'},
 {'group': 'Kommungemensamma',
  'text': 'Samtliga nämnder ska prioritera avtalsuppföljning utifrån ett risk- och '
          'väsentlighetsperspektiv för att förebygga välfärdsbrottslighet samt fusk och '
          'oegentligheter.',
  'note': 'Kvarstår för BMN, KOF, SBN och ÅN övriga nämnder genomförde uppdraget 2023.',
  'status': 'Pågår'},
 {'group': 'Nämndspecifika',
  'text': 'Arbetsmarknadsnämnden, bildningsnämnden och social- och omsorgsnämnden ska vidta '
          'åtgärder för att öka genomströmningen inom respektive verksamhet.',
  'note': '',
  'status': 'Pågår'},
 {'group': 'Nämndspecifika',
  'text': 'Barn- och ungdomsnämnden, social- och omsorgsnämnden och äldreomsorgsnämnden ska '
          'säkerställa att medarbetare har nödvändiga språkkunskaper för att kunna utföra sina '
          'arbetsuppgifter.',
  'note': '',
  'status': 'Klar'},
 {'group': 'Nämndspecifika',
  'text': 'Social- och omsorgsnämnden och äldreomsorgsnämnden ska på sikt införa undersköterska '
          'som lägsta utbildningsnivå inom vård- och omsorgsnära arbete.',
  'note': '',
  'status': 'Pågår'},
 {'group': 'Nämndspecifika',
  'text': 'Social- och omsorgsnämnden ska åtgärda problemet med långa handläggningstider inom '
          'särskilt barn och unga samt LSS.',
  'note': '',
  'status': 'Pågår'},
 {'group': 'Nämndspecifika',
  'text': 'Social- och omsorgsnämnden ska säkerställa att kommunen har insatser för att '
          'förhindra att barn och unga inte hamnar i kriminalitet och att avhopparverksamheten '
          'är dimensionerad utifrån behov.',
  'note': '',
  'status': 'Klar'},
 {'group': 'Nämndspecifika',
  'text': 'Social- och omsorgsnämnden ska utveckla samarbetet med krögare och restaurangägare '
          'för en narkotikafri krogmiljö.',
  'note': '',
  'status': 'Pågår'},
 {'group': 'Nämndspecifika',
  'text': 'Kommunstyrelsen (Leanlink) ska utreda förutsättningar för att införa en '
          'bemanningspool med fasta anställningar och möjlighet till kompetensutveckling. I '
          'uppdraget ingår att göra en konsekvensanalys av ett eventuellt införande.',
  'note': '',
  'status': 'N/A'},
 {'group': 'Nämndspecifika',
  'text': 'Kommunstyrelsen ska i samverkan med Leanlink och Verksamhetsstöd och service erbjuda '
          'medarbetare rätten till önskad högre sysselsättningsgrad.',
  'note': '',
  'status': 'N/A'},
 {'group': 'Nämndspecifika',
  'text': 'Kultur- och fritidsnämnden ska i samverkan med social- och omsorgsnämnden skapa '
          'verksamhet riktad till unga som riskerar att utsättas för hedersförtryck.',
  'note': 'Kvarstår från budget 2023 med plan för 2024-2028',
  'status': 'N/A'},
 {'group': 'Nämndspecifika',
  'text': 'Social- och omsorgsnämnden ska ta fram förslag på organisering och tidplan för '
          'införande av nära socialtjänst i fler stadsdelar. Uppdraget ska återrapporteras till '
          'kommunstyrelsen under 2023.',
  'note': 'Kvarstår från budget 2023 med plan för 2024-2028',
  'status': 'Pågår'},
 {'group': 'Nämndspecifika',
  'text': 'Social- och omsorgsnämnden ska genomföra en översyn av placeringsformer där uppdrag '
          'och ersättningsnivåer vid placeringar särskilt ska belysas.',
  'note': 'Kvarstår från budget 2023 med plan för 2024-2028',
  'status': 'Ej klart'},
 {'group': 'Nämndspecifika',
  'text': 'Social- och omsorgsnämnden ska säkerställa att alla som arbetar inom vård och omsorg '
          'har tillräckliga kunskaper i svenska samt värdera förutsättningarna för att införa '
          'språkkrav och språktest för personal i omsorgen.',
  'note': 'Kvarstår från budget 2023 med plan för 2024-2028',
  'status': 'Ej klart'},
 {'group': 'Nämndspecifika',
  'text': 'Social- och omsorgsnämnden ska fortsatt genomföra insatser i syfte att förbättra '
          'socialsekreterarnas arbetsmiljö.',
  'note': 'Kvarstår från budget 2023 med plan för 2024-2028',
  'status': 'Klart'},
 {'group': 'Nämndspecifika',
  'text': 'Social- och omsorgsnämnden och äldrenämnden ska på sikt införa undersköterska som '
          'lägsta utbildningsnivå inom vård- och omsorgsnära arbete.',
  'note': 'Kvarstår från budget 2023 med plan för 2024-2028',
  'status': 'Klart'},
 {'group': 'Nämndspecifika',
  'text': 'Social- och omsorgsnämnden ska öka tillgängligheten till insatser enligt LSS.',
  'note': 'Kvarstår från Budget 2021 med plan för 2022-2024',
  'status': 'Klart'},
 {'group': 'Nämndspecifika',
  'text': 'Social- och omsorgsnämnden och äldrenämnden ska säkerställa och följa upp att alla '
          'som arbetar inom vård och omsorg har tillräckliga kunskaper i svenska för att kunna '
          'genomföra uppdraget samt kommunicera bra med brukare, anhöriga och kollegor.',
  'note': 'Kvarstår från Budget 2022 med plan för 2023-2028.',
  'status': 'Klart'}]

VOLYMER = [{'name': 'Antal aktualiseringar 0-20 år ackumulerat',
  'footnote': 'Qliksense aktualiseringar anmälan, annat sätt, ansökan, 0-20 nya under perioden',
  'prev': '3926 (45 % flickor)',
  'cur': '4413 (45% flickor)',
  'forecast': '7300'},
 {'name': 'Antal inledda utredningar för barn och unga ackumulerat',
  'footnote': 'Qliksense, inledda utredningar anmälan ansökan annat sätt 0-20',
  'prev': '910 (44% flickor)',
  'cur': '992 (46% flickor)',
  'forecast': '1580'},
 {'name': 'Antal pågående ärenden inom IFO/LSS/FHSoL för barn och unga ackumulerat',
  'footnote': 'Qliksense: Ärenden dashboard vuxen resp barn och unga, sorterat för ärendetyper, '
              'Ifo vuxen, ifo barn/vuxen., FH Lss och FH SOL, FN socialpsykiatri.',
  'prev': 'IFO 1751 (45% flickor) LSS 456 (32% flickor) FH SOL 67 (64%flickor)',
  'cur': 'IFO 1895 (45% flickor) LSS 416 (33%flickor) FH SOL 55 (53%flickor)',
  'forecast': 'IFO 2200 LSS:430 FH Sol 60'},
 {'name': 'Antal barn och unga med öppenvårdsinsatser (bistånd) ackumulerat',
  'footnote': 'Qliksense verkställigheter;insatstyp öppenvård 0-20 antal individer,',
  'prev': 'IFO 613 (44%Flickor)',
  'cur': 'IFO 604 (45%Flickor)',
  'forecast': '750'},
 {'name': 'Antal barn och unga i dygnsvård (IFO/LSS/FH/SoL) ackumulerat',
  'footnote': 'Qliksense verkställigheter insatstyp placering sol, lvu, ej annan placering, lvu '
              'i hemmet.',
  'prev': 'IFO 420 (47% flickor) LSS+ FH SOL: 13 54%flickor',
  'cur': 'IFO 423 (50% flickor) LSS+ FH SOL: 12 58%Flickor',
  'forecast': '475 LSS+FH Sol :13'},
 {'name': 'Antal pågående ärenden inom IFO/LSS/FH SoL för vuxna ackumulerat',
  'footnote': 'Qliksense: Ärenden dashboard vuxen resp barn och unga, sorterat för ärendetyper, '
              'Ifo vuxen, ifo barn/vuxen. boende , FH Lss och FH SOL FN socialpsykiatri',
  'prev': 'IFO 652 (40% kvinnor) FH LSS 1236 (41% kvinnor) FHSOL 1435 (50% kvinnor)',
  'cur': 'IFO 671 (41% kvinnor) FH LSS 1261 (43% kvinnor) FH SOL 1246 (50% kvinnor)',
  'forecast': 'IFO 790 FH LSS 1310 FH SOL1380'},
 {'name': 'Antal vuxna som har ett verkställt beslut om boende särskild service (SoL/LSS) vuxna '
          'ackumulerat',
  'footnote': 'Qliksense verkställigheter Ärendetup FH LSS, FH SOL och FN socialpsykiatri, '
              'insatstyp : samtliga boenden',
  'prev': '679 (40%)',
  'cur': '639 (40%)',
  'forecast': '655'},
 {'name': 'Antal vuxna som har beslut om daglig verksamhet ackumulerat',
  'footnote': 'Qliksense verkställigheter, allt om dagligverksamhet (12 insatstyper) antal '
              'individer.',
  'prev': '702 (42% kvinnor)',
  'cur': '708 (42 % kvinnor)',
  'forecast': '740'},
 {'name': 'Antal vuxna i dygnsvård IFO (HVB, skyddat boende, familjehem, SiS och '
          'motivationsboende) ackumulerat',
  'footnote': 'Qliksense verkställigheter, genomförandeform behandlingsplacering, boende med '
              'stöd, HVB, LVM hem, familjehem, skyddsboende och stödboende.',
  'prev': '119',
  'cur': '134',
  'forecast': '195'},
 {'name': 'Antal vuxna med beslut om boendestöd ackumulera',
  'footnote': 'Qliksense verkställigheter insatstyp boendestöd, bosocialt stöd,',
  'prev': '728 (51%kvinnor)',
  'cur': '759 (51%kvinnor)',
  'forecast': ''}]

PERSONAL = [{'name': 'Antal tillsvidareanställda', 'prev': '1508', 'cur': '1473', 'target': 'Minska'},
 {'name': 'Total sjukfrånvaro', 'prev': '6,7', 'cur': '7,2', 'target': 'Minska'},
 {'name': 'Personalavgångar externt', 'prev': '1,6', 'cur': '1,9', 'target': 'Minska'}]

INDIKATORER = [{'area': 'Samhälle',
  'kmal': 'Ett tryggt och säkert Linköping',
  'namndmal': 'En socialtjänst som tidigt upptäcker och förebygger våld',
  'name': 'Andel vuxna och barn som är aktuella och har fått frågor om våldsutsatthet',
  'footnote': 'antalet händelser "frågan om våld ställts individuellt" dividerat med antalet '
              'nytilkomna ärenden under året. Samtliga ärendetyper.',
  'v1': '3,5 %',
  'v2': '13%',
  'v3': '15%:',
  'direction': 'Öka',
  'direction_footnote': '',
  'header3': '2024'},
 {'area': 'Samhälle',
  'kmal': 'Ett Linköping med minskad segregation',
  'namndmal': 'Ett Linköping med minskad segregation',
  'name': 'Andel personer som fått hyresavtal (via social- och omsorgsförvaltningen i andra '
          'stadsdelar än Skäggetorp, Berga, Ryd.',
  'footnote': '',
  'v1': '44 %',
  'v2': 'Augusti 2023: 53 %',
  'v3': 'Augusti : 51 %',
  'direction': 'Öka',
  'direction_footnote': '',
  'header3': '2024'},
 {'area': 'Medborgare',
  'kmal': 'Lättillgänglig, god och jämlik vård',
  'namndmal': 'Ett Linköping med en nära socialtjänst',
  'name': 'Antalet geografiska områden med nära socialtjänst.',
  'footnote': '',
  'v1': '1',
  'v2': '1',
  'v3': '1',
  'direction': '4',
  'direction_footnote': '',
  'header3': '2024 tom augusti'},
 {'area': 'Medborgare',
  'kmal': 'Lättillgänglig, god och jämlik vård',
  'namndmal': 'Ett Linköping med en nära socialtjänst',
  'name': 'Andelen utredningar barn och unga som avslutas med konstaterat behov av insats men '
          'samtycke ej föreligger.',
  'footnote': 'QlikSense utredningar, anmälan, ansökan, annat sätt 0 -20 antal med behov ej '
              'samtycke, ej lvu-skäl och antal behov ej samtycke uppfyller lvu-kriterier / '
              'totalt antal avslutade utredningar,',
  'v1': '217/1457 ca 15% ca 10% ej insatser 5%LVU',
  'v2': '232/1402 ca 16,5% ca 10 % ej insatser ca 6,5% LVU',
  'v3': '146/924 ca 15,8% ca 10% ej insatser 5,8% LVU',
  'direction': 'Minska',
  'direction_footnote': '',
  'header3': '2024 tom augusti'},
 {'area': 'Medborgare',
  'kmal': 'Lättillgänglig, god och jämlik vård',
  'namndmal': 'Vård, stöd och omsorgstjänster med hög kvalitet.',
  'name': 'Andel aktuella genomförandeplaner.',
  'footnote': '',
  'v1': '',
  'v2': '100%',
  'v3': '-',
  'direction': '100%',
  'direction_footnote': '',
  'header3': '2024 tom augusti'},
 {'area': 'Ekonomi',
  'kmal': 'En hållbar ekonomi',
  'namndmal': 'Hållbar ekonomi',
  'name': 'Andelen konsulentstödda familjehem i relation till arvoderade familjehem.',
  'footnote': '',
  'v1': '39 %',
  'v2': '26 %',
  'v3': '25 %',
  'direction': 'Minska',
  'direction_footnote': '',
  'header3': '2024'},
 {'area': 'Ekonomi',
  'kmal': 'En hållbar ekonomi',
  'namndmal': 'Hållbar ekonomi',
  'name': 'Kostnad (kr/inv) för missbruksvård ska vara på samma nivå eller lägre som '
          'snittkostnaden för R9.',
  'footnote': 'Kolada ID N35001',
  'v1': 'Linköping: 761 kr/inv  R9: 1 063 kr/inv',
  'v2': 'Linköping: 787 kr/inv  R9: 1154 kr/inv',
  'v3': 'N/A',
  'direction': 'Samma eller lägre än R9-snitt',
  'direction_footnote': '',
  'header3': '2024'},
 {'area': 'Ekonomi',
  'kmal': 'En hållbar ekonomi',
  'namndmal': 'Hållbar ekonomi',
  'name': 'Kostnad (kr/inv 0-20) för familje- och HVB barn och unga ska vara på samma nivå eller '
          'lägre som snittkostnaden för R9.',
  'footnote': 'Kolada ID N33022',
  'v1': 'Linköping: 8 605 kr/inv  R9: 9 260 kr/inv',
  'v2': 'Linköping: 9 643 kr/inv  R9: 10 666 kr/inv',
  'v3': 'N/A',
  'direction': 'Samma eller lägre än R9-snitt',
  'direction_footnote': '',
  'header3': '2024'},
 {'area': 'Ekonomi',
  'kmal': 'En hållbar ekonomi',
  'namndmal': 'Hållbar ekonomi',
  'name': 'Kostnad (kr/inv) för öppna insatser barn och unga ska vara på samma nivå eller lägre '
          'som snittkostnaden för R9.',
  'footnote': 'Kolada ID N33009',
  'v1': 'Linköping: 993 kr/inv  R9: 913 kr/inv',
  'v2': 'Linköping: 1 368 kr/inv  R9: 1 060 kr/inv',
  'v3': 'N/A',
  'direction': 'Samma eller lägre än R9-snitt',
  'direction_footnote': '',
  'header3': '2024'},
 {'area': 'Verksamhet',
  'kmal': 'En organisation med hög produktivitet och effektivitet',
  'namndmal': 'En organisation med hög produktivitet och effektivitet',
  'name': 'Utredningstid barn och unga SoL/LSS Median, antal dagar',
  'footnote': 'Avslutade utredningar iFo, anmälan ansökan annat sätt 0- 20, samt LSS, helår 2022 '
              '2023 och tom augusti för 2024 .',
  'v1': 'IFO 120 LSS 259',
  'v2': 'IFO 120 LSS 179',
  'v3': 'IFO 121 LSS 68',
  'direction': 'Minska',
  'direction_footnote': '',
  'header3': '2024'},
 {'area': 'Verksamhet',
  'kmal': 'En organisation med hög produktivitet och effektivitet',
  'namndmal': 'En organisation som upptäcker och förhindrar välfärdsbrott',
  'name': 'Antalet anmälda brott',
  'footnote': '',
  'v1': '0',
  'v2': '0',
  'v3': '0',
  'direction': 'Öka',
  'direction_footnote': '',
  'header3': '2024'},
 {'area': 'Medarbetare',
  'kmal': 'Linköpings kommun är en attraktiv arbetsgivare med en hållbar kompetensförsörjning',
  'namndmal': 'Goda arbetsplatser\nVarje medarbetare känner arbetsglädje och stolthet samt har '
              'inflytande och möjlighet att utvecklas.',
  'name': '* Total sjukfrånvaro, %',
  'footnote': '',
  'v1': '9,0',
  'v2': '7,30',
  'v3': '7,7',
  'direction': 'minska',
  'direction_footnote': '',
  'header3': '2024'},
 {'area': 'Medarbetare',
  'kmal': 'Linköpings kommun är en attraktiv arbetsgivare med en hållbar kompetensförsörjning',
  'namndmal': 'Goda arbetsplatser\nVarje medarbetare känner arbetsglädje och stolthet samt har '
              'inflytande och möjlighet att utvecklas.',
  'name': 'Män',
  'footnote': '',
  'v1': '8,6',
  'v2': '6,9',
  'v3': '7,6',
  'direction': 'bibehålla',
  'direction_footnote': '',
  'header3': '2024'},
 {'area': 'Medarbetare',
  'kmal': 'Linköpings kommun är en attraktiv arbetsgivare med en hållbar kompetensförsörjning',
  'namndmal': 'Goda arbetsplatser\nVarje medarbetare känner arbetsglädje och stolthet samt har '
              'inflytande och möjlighet att utvecklas.',
  'name': 'Kvinnor',
  'footnote': '',
  'v1': '9,1',
  'v2': '7,5',
  'v3': '7,8',
  'direction': 'minska',
  'direction_footnote': '',
  'header3': '2024'},
 {'area': 'Medarbetare',
  'kmal': 'Linköpings kommun är en attraktiv arbetsgivare med en hållbar kompetensförsörjning',
  'namndmal': 'Goda arbetsplatser\nVarje medarbetare känner arbetsglädje och stolthet samt har '
              'inflytande och möjlighet att utvecklas.',
  'name': '* Hållbart medarbetarengagemang (HME)',
  'footnote': '',
  'v1': '71',
  'v2': '70',
  'v3': '73',
  'direction': 'öka',
  'direction_footnote': '',
  'header3': '2024'},
 {'area': 'Medarbetare',
  'kmal': 'Linköpings kommun är en attraktiv arbetsgivare med en hållbar kompetensförsörjning',
  'namndmal': 'Goda arbetsplatser\nVarje medarbetare känner arbetsglädje och stolthet samt har '
              'inflytande och möjlighet att utvecklas.',
  'name': 'Män',
  'footnote': '',
  'v1': '',
  'v2': '',
  'v3': '',
  'direction': '',
  'direction_footnote': '',
  'header3': '2024'},
 {'area': 'Medarbetare',
  'kmal': 'Linköpings kommun är en attraktiv arbetsgivare med en hållbar kompetensförsörjning',
  'namndmal': 'Goda arbetsplatser\nVarje medarbetare känner arbetsglädje och stolthet samt har '
              'inflytande och möjlighet att utvecklas.',
  'name': 'Kvinnor',
  'footnote': '',
  'v1': '',
  'v2': '',
  'v3': '',
  'direction': '',
  'direction_footnote': '',
  'header3': '2024'},
 {'area': 'Medarbetare',
  'kmal': 'Linköpings kommun är en attraktiv arbetsgivare med en hållbar kompetensförsörjning',
  'namndmal': 'Hållbart chef- och ledarskap\nVarje chef leder och utvecklar sina verksamheter mot '
              'uppsatta mål med mod, engagemang och mänsklighet.',
  'name': '* Antal medarbetare per 1:a linjens chef',
  'footnote': '',
  'v1': '26',
  'v2': '25',
  'v3': '27',
  'direction': 'bibehålla',
  'direction_footnote': '',
  'header3': '2024'},
 {'area': 'Medarbetare',
  'kmal': 'Linköpings kommun är en attraktiv arbetsgivare med en hållbar kompetensförsörjning',
  'namndmal': 'Hållbart chef- och ledarskap\nVarje chef leder och utvecklar sina verksamheter mot '
              'uppsatta mål med mod, engagemang och mänsklighet.',
  'name': '* Chefsindex',
  'footnote': '',
  'v1': 'i.u',
  'v2': 'i.u',
  'v3': '57',
  'direction': 'öka',
  'direction_footnote': '',
  'header3': '2024'},
 {'area': 'Medarbetare',
  'kmal': 'Linköpings kommun är en attraktiv arbetsgivare med en hållbar kompetensförsörjning',
  'namndmal': 'Nya vägar för kompetensförsörjning\nUtveckling av den digitala medarbetaren, ett '
              'ansvarstagande för ett livslångt lärande och ett aktivt arbete med '
              'professionsanalyser för rätt använd kompetens skapar nya vägar för '
              'kompetensförsörjningen.',
  'name': '* Avgångsålder pension',
  'footnote': '',
  'v1': '65,5',
  'v2': '65,4',
  'v3': '65,1',
  'direction': 'öka',
  'direction_footnote': '',
  'header3': '2024'},
 {'area': 'Medarbetare',
  'kmal': 'Linköpings kommun är en attraktiv arbetsgivare med en hållbar kompetensförsörjning',
  'namndmal': 'Nya vägar för kompetensförsörjning\nUtveckling av den digitala medarbetaren, ett '
              'ansvarstagande för ett livslångt lärande och ett aktivt arbete med '
              'professionsanalyser för rätt använd kompetens skapar nya vägar för '
              'kompetensförsörjningen.',
  'name': 'Män',
  'footnote': '',
  'v1': '64,5',
  'v2': '67,0',
  'v3': '65,5',
  'direction': '',
  'direction_footnote': '',
  'header3': '2024'},
 {'area': 'Medarbetare',
  'kmal': 'Linköpings kommun är en attraktiv arbetsgivare med en hållbar kompetensförsörjning',
  'namndmal': 'Nya vägar för kompetensförsörjning\nUtveckling av den digitala medarbetaren, ett '
              'ansvarstagande för ett livslångt lärande och ett aktivt arbete med '
              'professionsanalyser för rätt använd kompetens skapar nya vägar för '
              'kompetensförsörjningen.',
  'name': 'Kvinnor',
  'footnote': '',
  'v1': '65,6',
  'v2': '64,9',
  'v3': '65,0',
  'direction': '',
  'direction_footnote': '',
  'header3': '2024'},
 {'area': 'Medarbetare',
  'kmal': 'Linköpings kommun är en attraktiv arbetsgivare med en hållbar kompetensförsörjning',
  'namndmal': 'Nya vägar för kompetensförsörjning\nUtveckling av den digitala medarbetaren, ett '
              'ansvarstagande för ett livslångt lärande och ett aktivt arbete med '
              'professionsanalyser för rätt använd kompetens skapar nya vägar för '
              'kompetensförsörjningen.',
  'name': '* Andel heltidsanställningar (%)',
  'footnote': '',
  'v1': '74,6',
  'v2': '77,7',
  'v3': '80,0',
  'direction': 'bibehålla',
  'direction_footnote': 'Förvaltningsdirektören fattade beslut om avsteg för ökad sysselsättning '
                        't o m mars 2025, diarienummer 2024-810.',
  'header3': '2024'},
 {'area': 'Medarbetare',
  'kmal': 'Linköpings kommun är en attraktiv arbetsgivare med en hållbar kompetensförsörjning',
  'namndmal': 'Nya vägar för kompetensförsörjning\nUtveckling av den digitala medarbetaren, ett '
              'ansvarstagande för ett livslångt lärande och ett aktivt arbete med '
              'professionsanalyser för rätt använd kompetens skapar nya vägar för '
              'kompetensförsörjningen.',
  'name': 'Män',
  'footnote': '',
  'v1': '73,5',
  'v2': '77,1',
  'v3': '80,3',
  'direction': '',
  'direction_footnote': '',
  'header3': '2024'},
 {'area': 'Medarbetare',
  'kmal': 'Linköpings kommun är en attraktiv arbetsgivare med en hållbar kompetensförsörjning',
  'namndmal': 'Nya vägar för kompetensförsörjning\nUtveckling av den digitala medarbetaren, ett '
              'ansvarstagande för ett livslångt lärande och ett aktivt arbete med '
              'professionsanalyser för rätt använd kompetens skapar nya vägar för '
              'kompetensförsörjningen.',
  'name': 'Kvinnor',
  'footnote': '',
  'v1': '75,0',
  'v2': '77,9',
  'v3': '80,0',
  'direction': '',
  'direction_footnote': '',
  'header3': '2024'},
 {'area': 'Medarbetare',
  'kmal': 'Linköpings kommun är en attraktiv arbetsgivare med en hållbar kompetensförsörjning',
  'namndmal': 'Nya vägar för kompetensförsörjning\nUtveckling av den digitala medarbetaren, ett '
              'ansvarstagande för ett livslångt lärande och ett aktivt arbete med '
              'professionsanalyser för rätt använd kompetens skapar nya vägar för '
              'kompetensförsörjningen.',
  'name': '* Personalavgångar externt (%)',
  'footnote': '',
  'v1': '8,0',
  'v2': '8,0',
  'v3': '7,0',
  'direction': 'minska',
  'direction_footnote': '',
  'header3': '2024'},
 {'area': 'Medarbetare',
  'kmal': 'Linköpings kommun är en attraktiv arbetsgivare med en hållbar kompetensförsörjning',
  'namndmal': 'Nya vägar för kompetensförsörjning\nUtveckling av den digitala medarbetaren, ett '
              'ansvarstagande för ett livslångt lärande och ett aktivt arbete med '
              'professionsanalyser för rätt använd kompetens skapar nya vägar för '
              'kompetensförsörjningen.',
  'name': 'Män',
  'footnote': '',
  'v1': '4,4',
  'v2': '7,3',
  'v3': '8,5',
  'direction': '',
  'direction_footnote': '',
  'header3': '2024'},
 {'area': 'Medarbetare',
  'kmal': 'Linköpings kommun är en attraktiv arbetsgivare med en hållbar kompetensförsörjning',
  'namndmal': 'Nya vägar för kompetensförsörjning\nUtveckling av den digitala medarbetaren, ett '
              'ansvarstagande för ett livslångt lärande och ett aktivt arbete med '
              'professionsanalyser för rätt använd kompetens skapar nya vägar för '
              'kompetensförsörjningen.',
  'name': 'Kvinnor',
  'footnote': '',
  'v1': '9,1',
  'v2': '8,2',
  'v3': '6,6',
  'direction': '',
  'direction_footnote': '',
  'header3': '2024'}]

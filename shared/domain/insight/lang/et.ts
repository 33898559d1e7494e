import { type LanguagePack, list } from '../language-pack.ts';

/**
 * Estonian. Stemmed by our light stemmer (see `estonian-stemmer.ts`). Words that carry their own
 * negation, the abessive "-ta"/"-teta" ("vigastusteta", without damage) and "-mata" ("lahendamata",
 * unresolved), are not stemmed, so they are listed where they belong rather than matched as their
 * positive base.
 */
export const et: LanguagePack = {
  cues: {
    negators: list`ei, pole, polnud, mitte, ilma, ega, eitav, mitte midagi, mitte kunagi, keegi ei, midagi ei,
      kunagi ei, enam ei`,
    lookBackNegators: list``,
    postNegators: list``,
    contrast: list`aga, kuid, ent, kahjuks, samas, siiski, ainult, välja arvatud, seevastu, küll aga`,
    intensifiers: list`väga, eriti, täiesti, tõesti, super, ülimalt, äärmiselt, päris, liiga, nii, absoluutselt,
      täitsa, kohutavalt, jube, meeletult`,
    positive: list`tellin veel, tellin uuesti, tellin kindlasti veel, tulen tagasi, tulen veel,
      imeilus, ilus, kaunis, praktiline, usaldusväärne, hoolikas, tähelepanelik, tõhus, täpne, täiuslik,
      fantastiline, õnnelik, tänulik, tugev, vastupidav, kvaliteetne, probleemivaba, lemmik,
      hea, head, hästi, =rahul, rahulolev, meeldis, meeldib, meeldiv, tore, lahe, kiire, kiiresti,
      lihtne, lihtsalt, mugav, mugavalt, sujuv, sujuvalt, sujus, sõbralik, sõbralikult, viisakas, viisakalt,
      abivalmis, usaldusväärne, soovitan, super, vinge, äge, korralik, korralikult, professionaalne, kõik korras,
      kõik sujus, probleemideta, muretult, rõõmus, õnnelik, tänulik, kindlasti tellin veel, tellin veel,
      igati, kiidan, positiivne, meeldivalt, tubli, väga tubli`,
    negative: list`nõrk, vilets, viletsa, räpane, vigane, kasutu, ebasõbralik, ülbe, saamatu, naeruväärne, skandaalne, häbiväärne,
      ignoreeriti, ebaõnnestus, ebaõnnestunud, ajaraisk,
      halb, halvasti, kehv, kehvasti, pettunud, pettumus, pettumust, rahulolematu, vihane, pahane,
      närvis, tüütu, häiriv, probleem, probleemid, probleemiga, mure, viga, vead, keeruline, tülikas, aeglane,
      aeglaselt, hilja, katki, ebaviisakas, ebameeldiv, kaebus, pretensioon, kahjuks, valetasid, jama, segadus,
      kurb, piinlik, ei soovita, mõttetu, ebaprofessionaalne, lohakas, lohakalt, negatiivne, ärritunud`,
    strongPositive: list`suurepärane, suurepäraselt, imeline, fantastiline, täiuslik, laitmatu, laitmatult,
      parim, väga rahul, igati rahul, ülimalt rahul, soovitan soojalt, soovitan kõigile, tipptasemel, ideaalne,
      viis tärni, 10/10, väga hea`,
    strongNegative: list`kohutav, kohutavalt, jube, õudne, õudselt, katastroof, katastroofiline, vastuvõetamatu,
      skandaalne, häbiväärne, häbi, pettus, petis, petturid, mitte kunagi enam, enam mitte kunagi, ei iial, halvim,
      jälk, masendav, naeruväärne, täielik jama`,
    mildPositive: list`aitäh, tänan, tänud, suur tänu, ok, okei, normaalne, rahuldav, talutav, pole paha,
      polnud paha, käib kah, käib küll`,
  },
  themes: {
    delivery_speed: {
      label: 'Tarnekiirus',
      terms: list`tarne, tarnimine, tarneaeg, tarneaja, kohaletoimetamine, kättetoimetamine, toimetati,
        saadetis, tarnitud, ~saatmine, ~saadeti, ~postitati, ~pakk, ~paki, ~pakki, ~tellimus, ~jõudis, ~tuli,
        ~saabus, ~kätte`,
      positive: list`~kiire, ~kiiresti, ~kiirelt, välkkiire, õigeaegselt, õigel ajal, lubatud ajal, järgmisel
        päeval, juba järgmisel päeval, ~ruttu, varem kui lubatud, varem kui oodatud, enne tähtaega, ekspress`,
      negative: list`hilines, hilinesid, hilinemine, hilinenud, hilinemisega, hiljaks, hilja, hiljem kui
        lubatud, ~aeglane, ~aeglaselt, viibis, viivitus, viivitusega, venis, ~kaua, ~liiga kaua, võttis kaua
        aega, ei jõudnud kohale, pole kohale jõudnud, pole siiani kätte saanud, ei ole kätte saanud, pole veel
        kätte saanud, pole midagi saanud, ei ole midagi saanud, ootan siiani, ~nädalaid, ~nädalat, ~nädala,
        ~päeva, mitu nädalat, tähtaeg ületati, hilinemise`,
    },
    damaged_item: {
      label: 'Kahjustatud toode',
      terms: list`seisukord, seisukorras`,
      positive: list`=tervena, täiesti terve, vigastusteta, kahjustusteta, kahjustuseta,
        vigastuseta, heas seisukorras, laitmatus seisukorras, ideaalses seisukorras, puutumata, kriimustuseta`,
      negative: list`kahjustus, kahjustused, vigastus, vigastused,
        katki, katkine, katkised, purunenud, puruks, purus, vigastatud, vigastada saanud, kahjustatud,
        kahjustunud, mõlkis, mõlk, mõlgiga, kriimustatud, kriimustus, kriimud, kriimus, pragu, pragunenud,
        mõranenud, rebenenud, rebend, lekkis, lekkinud, kõver, kõverdunud, tükkideks, tükkis, lömmis`,
    },
    packaging: {
      label: 'Pakend',
      terms: list`pakend, pakendamine, karp, kast, pappkast, mullikile, kile, plastik, täitematerjal,
        ümbrik, kott, pakkematerjal`,
      positive: list`hästi pakitud, korralikult pakitud, hoolikalt pakitud, kenasti pakitud, ilusti pakitud,
        turvaliselt pakitud, hästi pakendatud, keskkonnasõbralik, taaskasutatav, plastikuvaba`,
      negative: list`halvasti pakitud, kehvasti pakitud, lohakalt pakitud, pakend oli katki, kast oli katki, karp
        oli katki, karp oli lömmis, kast oli lömmis, muljutud, liiga palju plastikut, hiiglaslik kast, liiga suur
        kast, märg, läbimärg, polsterduseta, kaitseta`,
    },
    order_accuracy: {
      label: 'Vale või puuduv kaup',
      terms: list`~tellisin, ~tellimus, ~toode`,
      positive: list`kõik oli olemas, kõik olemas, komplektne, täielik, õige toode, õige suurus, nagu tellitud,
        täpselt see mida tellisin, midagi ei puudunud`,
      negative: list`vale toode, vale toote, vale suurus, vale suuruse, vale värv, vale värvi, vale kaup, vale
        tellimus, vale, puudus, puudu, puudusid, puudub, puuduv, puudulik, ei olnud see mida tellisin, pole see
        mida tellisin, mitte see mida tellisin, teine toode, teise toote, segamini, sassi, ainult pool, osaline,
        osaliselt`,
    },
    product_quality: {
      label: 'Toote kvaliteet',
      terms: list`kvaliteet, kvaliteedi, kvaliteeti, materjal, viimistlus, aku, maitse, vastupidavus, disain,
        ~toode, ~toote, ~toodet, ~tooted, ~toodete, ~suurus, ~töötab`,
      positive: list`hea kvaliteet, hea kvaliteediga, kvaliteetne, suurepärane kvaliteet, vastupidav, tugev,
        töötab hästi, töötab suurepäraselt, töötab laitmatult, istub hästi, sobib ideaalselt, vastab
        kirjeldusele, nagu pildil, hea toode, super toode, vastupidav`,
      negative: list`halb kvaliteet, kehv kvaliteet, halva kvaliteediga, kehva kvaliteediga, odav kraam, praak,
        defektne, vigane, ei tööta, ei töötanud, lakkas töötamast, läks katki, ei vasta kirjeldusele, ei näe
        välja nagu pildil, liiga väike, liiga suur, võlts, pleekinud, kahanes, logiseb, nõrk`,
    },
    price_value: {
      label: 'Hind ja väärtus',
      terms: list`hind, hinna, hinda, hinnad, hinnaga, maksumus, kulu, kulud, saatekulu, tarnekulu, postikulu,
        hinna ja kvaliteedi suhe, hinna-kvaliteedi suhe, allahindlus, soodustus, soodus, sooduskood, kupong,
        ~raha, ~eurot`,
      positive: list`odav, odavalt, soodne, soodsalt, soodsa hinnaga, taskukohane, hea hind, hea hinnaga,
        mõistlik hind, mõistliku hinnaga, õiglane hind, väärt, tasub end ära, tasuta saatmine, tasuta tarne,
        tasuta`,
      negative: list`kallis, kalli, liiga kallis, ülehinnatud, krõbe hind, krõbeda hinnaga, pole seda väärt, ei
        ole seda väärt, varjatud kulud, lisatasu, lisakulu, hind tõusis`,
    },
    website_checkout: {
      label: 'Veebileht ja tellimine',
      terms: list`veebileht, veebilehel, veebilehte, koduleht, kodulehel, veebipood, veebipoes, e-pood, e-poes,
        äpp, äpis, rakendus, rakenduses, ostukorv, ostukorvi, kassa, tellimisprotsess, tellimuse vormistamine,
        sisselogimine, parool, registreerimine, filtrid, sooduskood, menüü, ~tellimine, ~tellida, ~konto,
        ~otsing, ~leht, ~lehel`,
      positive: list`kasutajasõbralik, lihtne tellida, mugav tellida, lihtne kasutada, ülevaatlik, intuitiivne,
        kiire tellimine, lihtne tellimine, mugav tellimine, ~selge`,
      negative: list`veateade, jooksis kokku, jookseb kokku, hangus, hangub, ei laadinud, ei lae, ei laadi,
        kohmakas, segane, keeruline, ei saanud tellida, ei saanud maksta, ei leidnud, viga lehel, ei õnnestunud
        tellida, viskab välja, viskas välja`,
    },
    payment: {
      label: 'Maksmine',
      terms: list`makse, maksmine, maksta, maksin, makstud, maksmisega, makseviis, pangakaart, kaart, kaardiga,
        krediitkaart, pangalink, paypal, arve, arvega, ülekanne, järelmaks, tehing, apple pay, google pay`,
      positive: list`lihtne maksta, mugav maksta, mugav maksmine, turvaline makse, kiire makse, maksmine oli
        lihtne`,
      negative: list`kaks korda maha võetud, võeti kaks korda, topeltmakse, topelt, makse ebaõnnestus, makse ei
        läinud läbi, ei läinud läbi, tagasi lükatud, kaart lükati tagasi, võeti rohkem, vale arve`,
    },
    stock_availability: {
      label: 'Laoseis ja saadavus',
      terms: list`laoseis, laos, saadavus, saadaval, varud, laovaru`,
      positive: list`laos olemas, kohe saadaval, jälle saadaval, taas saadaval, laos kohe`,
      negative: list`otsas, läbi müüdud, välja müüdud, pole laos, ei ole laos, polnud laos, pole saadaval, ei ole
        saadaval, pole enam saadaval, polnud saadaval, tühistati, tellimus tühistati, laoseis oli vale, laos
        olevat`,
    },
    returns_refunds: {
      label: 'Tagastused ja raha tagastamine',
      terms: list`tagastus, tagastamine, tagastasin, tagastada, tagastatud, tagasimakse, raha tagasi, raha
        tagastamine, rahatagastus, tagasi saata, tagasi saatsin, saatsin tagasi, vahetus, vahetada, vahetasin,
        asendus, asendustoode, tagastussilt, taganemisõigus, kreeditarve`,
      positive: list`lihtne tagastada, lihtne tagastus, kiire tagasimakse, raha laekus kiiresti, raha tuli
        kiiresti tagasi, sain raha kiiresti tagasi, tasuta tagastus, probleemideta vahetus, vahetati kiiresti`,
      negative: list`raha pole tagasi saanud, raha ei ole tagasi tulnud, pole raha tagasi saanud, ootan raha
        tagasi, ootan siiani raha, tagastus lükati tagasi, tagastust ei aktsepteeritud, tagastuse eest tuli
        maksta, tagastussilti pole, raha tagastamata`,
    },
    courier: {
      label: 'Kuller ja üleandmine',
      terms: list`kuller, kulleri, kullerit, kulleriga, kullerfirma, autojuht, postiljon, omniva, dpd, itella,
        smartpost, venipak, dhl, ups, pakiautomaat, pakiautomaati, pakiautomaadist, pakipunkt, väljastuspunkt,
        naaber, naabri, naabrile, uks, ukse, ukse taha, postkast, postkasti, allkiri`,
      positive: list`tõi ukse taha, tõi ukseni, andis isiklikult üle, helistas ette, helistas enne, sõbralik
        kuller, viisakas kuller, abivalmis kuller`,
      negative: list`ei helistanud, ei helistanudki, jättis ukse taha, ukse taha visatud, ~viskas, vale aadress,
        vale aadressile, jäeti naabrile, märgiti kättetoimetatuks, väidetavalt kätte toimetatud, ebaviisakas
        kuller, kuller ei tulnud, ei tulnud kohale`,
    },
    support_agent: {
      label: 'Klienditeenindaja',
      terms: list`klienditeenindus, klienditeenindaja, klienditeenindajad, klienditugi, teenindaja, teenindus,
        töötaja, töötajad, konsultant, operaator, meeskond, tugi, infoliin, vestlus, chat, neiu, härra, proua,
        klienditeeninduse`,
      positive: list`abivalmis, väga abivalmis, asjatundlik, pädev, kompetentne, kannatlik, mõistev,
        professionaalne, vastutulelik, aitas, aitasid, abistas, aitas mind, tegeles, tegeles minuga`,
      negative: list`ebaviisakas, ülbe, ebakompetentne, saamatu, asjatundmatu, pani toru ära, viskas toru ära, ei
        kuulanud, ei aidanud, ei osanud aidata, polnud aimugi, ükskõikne, üleolev, tõre, ebasõbralik`,
    },
    waiting_time: {
      label: 'Ooteaeg',
      terms: list`ootamine, ooteaeg, ooteaega, ootejärjekord, järjekord, järjekorras, vastamise aeg, vastuse aeg,
        reageerimisaeg, tagasihelistamine, helistati tagasi, ~ootasin, ~ootama, ~vastus, ~vastas, ~vastati,
        ~vastasid, ~minutit, ~tund, ~tunni, ~päeva, ~nädala`,
      positive: list`kiire vastus, vastati kiiresti, vastasid kiiresti, reageeriti kiiresti, reageerisid
        kiiresti, kohe vastati, vastasid kohe, =minutitega, paari minutiga, ~tunni aja jooksul, ootamata, ei
        pidanud ootama, kiire reageerimine, kiire reageerimisega`,
      negative: list`pikk ooteaeg, pikk ootamine, pidin kaua ootama, ootasin kaua, tunde ootasin, tund aega
        ootasin, päevi ootasin, päevade kaupa, aeglane vastus, vastati aeglaselt, ei saanud läbi, kätte ei
        saanud, ei vastanud telefonile, igavik, igavikuline, terve igaviku, ~alles nädala pärast`,
    },
    issue_resolution: {
      label: 'Probleemi lahendamine',
      terms: list`lahendus, lahendust, lahendama`,
      positive: list`lahendatud, lahendati, lahendasid, lahenes, probleem lahendati, sai lahendatud, sai korda,
        korda tehtud, parandatud, parandati, esimese kõnega, kohe lahendati, kiiresti lahendati, aidati`,
      negative: list`lahendamata, jäi lahendamata, pole lahendatud, ei ole lahendatud, ei lahendatud, siiani
        lahendamata, lahendust pole, lahendust ei tulnud, midagi ei tehtud, sama probleem, probleem püsib,
        endiselt katki, ikka ei tööta, helistasin mitu korda, helistasin kolm korda, saadeti ühelt teisele,
        pöördumine suleti, suleti ära`,
    },
    communication: {
      label: 'Suhtlus',
      terms: list`suhtlus, suhtlemine, info, infot, informatsioon, teave, teavitus, teavitati, teavitas, teade,
        teated, teavitused, e-kiri, e-mail, email, meili, kiri, sms, sõnum, sõnumi, jälgimine, jälgimiskood,
        jälgimisnumber, jälgimislink, staatus, kinnitus, uuendus`,
      positive: list`hoiti kursis, hoidsid kursis, pidevalt kursis, kursis hoitud, hea suhtlus, selge suhtlus,
        hästi informeeritud, selgitas hästi, selgitas kõik, arusaadavalt, selgelt selgitatud, täpne info, täpne jälgimine, läbipaistev`,
      negative: list`info puudus, infot polnud, polnud mingit infot, ei mingit infot, ei teavitatud, keegi ei
        teavitanud, keegi ei andnud teada, ei andnud teada, teadet ei tulnud, ei saanud vastust, vastust pole,
        vastust ei tulnud, ei vastatud, ei vastanud, jälgimine ei töötanud, staatus ei muutunud, kinnitust ei
        tulnud, vastuoluline info, automaatvastus, šabloonvastus`,
    },
  },
};

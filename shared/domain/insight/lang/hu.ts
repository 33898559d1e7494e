import { type LanguagePack, list } from '../language-pack.ts';

/**
 * Hungarian. The Snowball stemmer removes case endings of nouns but not verb conjugation, so verbs
 * are listed in their common forms ("késett", "késik", "késve"). Vowel length marks are often left
 * out on phones ("serult"), so accents are folded after stemming. "nélkül" (without) negates the
 * word before it.
 */
export const hu: LanguagePack = {
  cues: {
    negators: list`nem, sem, ne, nincs, nincsen, nincsenek, sincs, sincsen, soha, sosem, semmi, semmilyen,
      semmit, senki, egyáltalán nem, se, dehogy, nulla`,
    lookBackNegators: list`nincs, nincsen`,
    postNegators: list`nélkül`,
    contrast: list`de, viszont, azonban, ám, sajnos, bár, csakhogy, kivéve, ellenben, mégis`,
    intensifiers: list`nagyon, igazán, teljesen, rendkívül, borzasztóan, szuper, abszolút, tök, kifejezetten,
      roppant, túl, eléggé, annyira, iszonyúan`,
    positive: list`rendelek még, újra rendelek, máskor is, legközelebb is, visszatérő vásárló,
      gyönyörű, szép, csinos, kellemes, kényelmes, praktikus, megbízható, gondos, figyelmes, barátságos, hatékony,
      pontos, precíz, nagyszerű, hálás, köszönjük, gratulálok, strapabíró, tartós, minőségi, zökkenőmentes,
      zökkenőmentesen, tetszik, tetszett, imádom,
      jó, jól, jók, tetszik, tetszett, szép, kedves, kedvesek, udvarias, elégedett, elégedettek, örülök, öröm,
      boldog, gyors, gyorsan, egyszerű, egyszerűen, könnyű, könnyen, gördülékeny, gördülékenyen, megbízható,
      ajánlom, ajánlani, csak ajánlani tudom, szuper, remek, klassz, király, korrekt, profi, segítőkész,
      rendben, minden rendben, minden oké, problémamentes, problémamentesen, gond nélkül, probléma nélkül,
      köszönöm szépen, pozitív, megérte, jöhet, legközelebb is, máskor is, hálás, elégedettség`,
    negative: list`csalódást, kiábrándító, gyenge, gyatra, vacak, silány, hanyag, trehány, koszos, piszkos, használhatatlan,
      haszontalan, udvariatlan, goromba, tahó, inkompetens, szégyen, szégyenletes, sikertelen, sikertelenül,
      időpocsékolás, átverés, botrány,
      rossz, rosszul, csalódott, csalódás, csalódtam, elégedetlen, elégedetlenek, mérges, dühös,
      ideges, bosszantó, bosszús, probléma, problémák, gond, gondok, nehéz, nehézkes, bonyolult, hiba, hibás,
      hibák, lassú, lassan, késett, sérült, törött, udvariatlan, bunkó, modortalan, panasz, reklamáció,
      reklamáltam, sajnos, kár, felháborító, felháborodott, nem ajánlom, hazugság, hazudtak, átvertek, káosz,
      kellemetlen, idegesítő, szomorú, negatív`,
    strongPositive: list`kiváló, kiválóan, tökéletes, tökéletesen, fantasztikus, csodálatos, nagyszerű,
      maximálisan, maximálisan elégedett, teljesen elégedett, nagyon elégedett, mindenkinek ajánlom, csak
      ajánlani tudom, hibátlan, hibátlanul, zseniális, lenyűgöző, páratlan, első osztályú, 10/10`,
    strongNegative: list`szörnyű, borzalmas, borzasztó, katasztrófa, katasztrofális, pocsék, elfogadhatatlan,
      botrányos, botrány, felháborító, soha többé, soha többet, átverés, csalás, gyalázat, gyalázatos,
      szánalmas, nevetséges, vállalhatatlan, a legrosszabb, tragikus, undorító, kramcsi`,
    mildPositive: list`köszönöm, köszi, kösz, köszönjük, ok, oké, rendben van, elfogadható, megfelelő, nem rossz,
      elmegy, átlagos`,
  },
  themes: {
    delivery_speed: {
      label: 'Szállítási idő',
      terms: list`szállítás, szállítási idő, kiszállítás, kiszállították, kiszállítva, házhozszállítás,
        szállították, kézbesítés, kézbesítették, feladás, feladták, határidő, szállítási határidő, átfutási idő,
        ~csomag, ~csomagot, ~rendelés, ~megérkezett, ~érkezett, ~megjött, ~jött, ~megkaptam`,
      positive: list`~gyors, ~gyorsan, gyors szállítás, villámgyors, villámgyorsan, ~pontos, ~pontosan, időben,
        határidőre, határidőn belül, másnap, másnapra, egy nap alatt, 24 órán belül, ~hamar, ~hamarabb, előbb a
        vártnál, hamarabb a vártnál, hamarabb jött, hamarabb érkezett, expressz`,
      negative: list`késett, késik, késés, késéssel, késve, késésben, késedelem, késedelmes, késői, ~lassú,
        ~lassan, sokáig tartott, túl sokáig, túl sok idő, nem érkezett meg, nem jött meg, meg sem érkezett,
        soha nem érkezett, még mindig nem érkezett, még mindig nem kaptam meg, még nem kaptam meg, nem kaptam
        meg, semmit nem kaptam meg, később jött, később érkezett, ~hetekig, ~napokig, ~heteket, ~napokat,
        ~hete, csúszott, csúszik, csúszás`,
    },
    damaged_item: {
      label: 'Sérült termék',
      terms: list`állapot, állapotban`,
      positive: list`sértetlen, sértetlenül, ép, épen, épségben, hibátlan állapotban, tökéletes állapotban,
        jó állapotban, sérülésmentes, sérülésmentesen, sérülés nélkül, karcmentes`,
      negative: list`kár, sérülés, sérülések,
        sérült, sérülten, megsérült, törött, eltört, összetört, törve, tört, összetörve,
        repedt, megrepedt, repedés, karcos, karcolt, megkarcolódott, karcolás, horpadt, behorpadt, horpadás,
        deformálódott, elgörbült, szakadt, kiszakadt, kifolyt, kiömlött, szétesett, darabokban, ripityára`,
    },
    packaging: {
      label: 'Csomagolás',
      terms: list`csomagolás, becsomagolva, csomagolták, becsomagolták, doboz, dobozt, dobozban, karton,
        kartondoboz, buborékfólia, fólia, műanyag, töltőanyag, párnázás, boríték, zacskó`,
      positive: list`gondosan csomagolva, gondos csomagolás, jól becsomagolva, jól csomagolva, szépen
        becsomagolva, szépen csomagolva, biztonságosan csomagolva, jól védve, környezetbarát, újrahasznosítható,
        műanyagmentes`,
      negative: list`rosszul csomagolva, hanyag csomagolás, gondatlan csomagolás, hiányos csomagolás, sérült
        doboz, szakadt doboz, összenyomott doboz, összenyomódott, benyomódott, túl sok műanyag, hatalmas
        doboz, óriási doboz, nem volt bélelve, védelem nélkül, ázott, átázott, nyitva érkezett`,
    },
    order_accuracy: {
      label: 'Hibás vagy hiányzó termék',
      terms: list`~rendeltem, ~rendelés, ~termék, ~terméket`,
      positive: list`hiánytalan, hiánytalanul, minden megvolt, minden benne volt, semmi sem hiányzott, pontosan
        azt kaptam, azt kaptam amit rendeltem, a megfelelő termék, jó méret`,
      negative: list`rossz termék, rossz terméket, rossz méret, rossz méretet, rossz szín, rossz színt,
        hiányzott, hiányzik, hiányoztak, hiányos, hiányosan, hiányzó, nem azt kaptam, mást kaptam, más
        terméket, nem ezt rendeltem, nem azt rendeltem, felcserélték, összekeverték, tévedés, téves, csak az
        egyik, csak a fele, részleges`,
    },
    product_quality: {
      label: 'Termékminőség',
      terms: list`minőség, minősége, anyag, anyaga, kidolgozás, kidolgozása, akkumulátor, akku, íz, tartósság,
        kialakítás, ~termék, ~terméket, ~termékek, ~méret, ~mérete, ~működik`,
      positive: list`jó minőség, jó minőségű, kiváló minőség, kiváló minőségű, minőségi, prémium, strapabíró,
        tartós, masszív, jól működik, tökéletesen működik, tökéletes méret, pont jó, mérethű, leírásnak
        megfelelő, a leírásnak megfelelő, olyan mint a képen, jó termék, szuper termék`,
      negative: list`rossz minőség, rossz minőségű, gyenge minőség, gyenge minőségű, silány, vacak, hitvány,
        olcsó vacak, bóvli, hibás, hibásan, gyártási hiba, nem működik, nem működött, nem kapcsol be, elromlott,
        tönkrement, nem felel meg a leírásnak, nem olyan mint a képen, túl kicsi, túl nagy, hamis, hamisítvány,
        kifakult, összement, szétjött, lötyög`,
    },
    price_value: {
      label: 'Ár-érték arány',
      terms: list`ár, ára, árak, árat, áron, költség, költségek, szállítási költség, szállítási díj, díj,
        ár-érték arány, ár-érték, kedvezmény, akció, ~pénz, ~forint, ~ft`,
      positive: list`olcsó, olcsón, kedvező, kedvező ár, kedvező áron, jó ár, jó áron, jó ár-érték arány,
        megfizethető, baráti ár, megéri, megérte, ingyenes szállítás, ingyen, akciós`,
      negative: list`drága, drágán, túl drága, túlárazott, túl magas ár, magas ár, nem éri meg, nem érte
        meg, rejtett költség, rejtett költségek, plusz költség, extra díj, lehúzás, felemelték az árat`,
    },
    website_checkout: {
      label: 'Weboldal és vásárlás',
      terms: list`weboldal, honlap, webshop, webáruház, applikáció, app, alkalmazás, kosár, kosárba, pénztár,
        rendelési folyamat, rendelés leadása, fiók, bejelentkezés, belépés, jelszó, regisztráció, kereső, szűrő,
        szűrés, kupon, kuponkód, menü, felület, navigáció, ~oldal, ~oldalon, ~rendszer, ~keresés, ~rendelni,
        ~megrendelni, ~rendelés, ~megrendelés`,
      positive: list`felhasználóbarát, átlátható, áttekinthető, könnyen kezelhető, egyszerű rendelés, könnyű
        rendelni, könnyen rendeltem, gyorsan rendeltem, gyors rendelés, egyszerűen rendeltem, logikus`,
      negative: list`hibaüzenet, lefagyott, lefagy, összeomlott, nem tölt be, nem töltött be, nem működött az
        oldal, nehézkes, átláthatatlan, bonyolult, kidobott, kidob, nem lehetett rendelni, nem tudtam rendelni,
        nem találtam, nem fogadta el, bug`,
    },
    payment: {
      label: 'Fizetés',
      terms: list`fizetés, fizetni, fizettem, kifizettem, fizetési mód, bankkártya, kárty*, hitelkártya, paypal,
        utánvét, utánvéttel, számla, számlát, átutalás, terhelés, levonták, vonták le, levonás, tranzakció,
        simplepay, apple pay, google pay, részletfizetés`,
      positive: list`egyszerű fizetés, könnyű fizetés, biztonságos fizetés, gyors fizetés, gond nélkül
        fizettem`,
      negative: list`kétszer levonták, kétszer vonták le, kétszer terhelték, dupla terhelés, duplán levonták,
        sikertelen fizetés, elutasított, elutasították, elutasítva, a fizetés nem ment át, nem ment át, többet
        vontak le, hibás számla, rossz számla`,
    },
    stock_availability: {
      label: 'Készlet és elérhetőség',
      terms: list`készlet, készleten, raktár, raktáron, elérhetőség, elérhető, kapható, beszerzés, utánrendelés`,
      positive: list`raktáron, készleten, azonnal elérhető, azonnal szállítható, újra kapható, újra raktáron`,
      negative: list`elfogyott, nincs raktáron, nincs készleten, nem elérhető, nem kapható, már nem kapható,
        hiánycikk, készlethiány, raktárhiány, törölték a rendelést, törölték, raktáron volt kiírva`,
    },
    returns_refunds: {
      label: 'Visszaküldés és visszatérítés',
      terms: list`visszaküldés, visszaküldtem, visszaküldeni, visszaküldött, visszaküldeném, visszavitel,
        visszatérítés, visszatérítették, visszautalás, visszautalták, visszautalni, visszakaptam a pénzem,
        pénz vissza, pénzemet, csere, cserélni, kicserélték, elállás, visszáru, visszaküldési címke, jóváírás`,
      positive: list`gyors visszatérítés, gyorsan visszautalták, gyorsan visszakaptam, egyszerű visszaküldés,
        könnyű visszaküldés, ingyenes visszaküldés, gond nélkül kicserélték, problémamentes csere`,
      negative: list`nem kaptam vissza a pénzem, még mindig nem kaptam vissza, azóta sem utalták vissza, nem
        utalták vissza, várom a pénzem, várom a visszatérítést, nem fogadták el a visszaküldést, elutasították
        a cserét, visszaküldési költség, nincs visszaküldési címke`,
    },
    courier: {
      label: 'Futár és átadás',
      terms: list`futár, futárt, futárral, futárnak, futárszolgálat, sofőr, postás, posta, magyar posta, gls,
        dpd, dhl, ups, foxpost, packeta, csomagautomata, automata, átvevőpont, csomagpont, szomszéd, szomszédnál,
        ajtó, ajtóban, kapu, kapuban, postaláda, csengetett, csengő, értesítő, aláírás`,
      positive: list`kedves futár, kedves volt a futár, udvarias futár, a futár kedves, előre telefonált,
        felhívott előtte, felhozta, kézbe adta, személyesen átadta`,
      negative: list`nem csengetett, nem is csengetett, nem hívott, ki sem jött, be sem csengetett, az ajtó
        előtt hagyta, kint hagyta, bedobta, átdobta, rossz címre, rossz cím, a szomszédnál hagyta, kézbesítettnek
        jelölte, kézbesítve státusz, állítólag kézbesítette, értesítőt hagyott, goromba futár, bunkó futár`,
    },
    support_agent: {
      label: 'Ügyfélszolgálati munkatárs',
      terms: list`ügyfélszolgálat, ügyfélszolgálatos, ügyfélszolgálati, ügyintéző, ügyintézője, munkatárs,
        munkatársa, kolléga, kollégája, kolléganő, operátor, tanácsadó, csapat, személyzet, chat, hölgy, úr,
        telefonos ügyfélszolgálat, ügyfélszolgálaton`,
      positive: list`segítőkész, segítőkészek, nagyon segítőkész, türelmes, türelmesen, kompetens, hozzáértő,
        szakértő, megértő, empatikus, rugalmas, profi, készséges, segített, segítettek, maximálisan
        segített`,
      negative: list`udvariatlan, bunkó, goromba, modortalan, arrogáns, lekezelő, inkompetens, hozzá nem értő,
        nem segített, nem segítettek, nem tudott segíteni, letette a telefont, lerázott, leráztak, érdektelen,
        nem figyelt, fogalma sem volt, nem értette`,
    },
    waiting_time: {
      label: 'Várakozási idő',
      terms: list`várakozás, várakozási idő, várakoztam, várakoztatás, várólista, válaszidő, reakcióidő,
        visszahívás, visszahívtak, tartásban, ~várni, ~vártam, ~várok, ~válasz, ~választ, ~válaszoltak,
        ~felvette, ~percet, ~perc, ~órát, ~órán belül, ~nap, ~hét`,
      positive: list`gyors válasz, gyorsan válaszoltak, gyorsan reagáltak, azonnal válaszoltak, ~percek alatt,
        ~pár percen belül, várakozás nélkül, nem kellett várni, gyors reakció`,
      negative: list`sokat vártam, sokáig vártam, hosszú várakozás, sokat kellett várni, órákig, napokig
        vártam, percekig, félórát, fél órát, egy órát vártam, lassú válasz, lassan válaszoltak, nem lehetett
        elérni, elérhetetlen, nem vették fel, foglalt volt, örökkévalóság, ~egy hét után`,
    },
    issue_resolution: {
      label: 'Probléma megoldása',
      terms: list`megoldás, megoldani, megoldást, rendezés, rendezni`,
      positive: list`megoldották, megoldotta, megoldódott, megoldva, sikerült megoldani, rendezték, rendeződött, elintézték,
        elintézve, elhárították, orvosolták, megjavították, első hívásra, azonnal megoldották, gyorsan
        megoldották`,
      negative: list`nem oldották meg, nincs megoldva, nem oldódott meg, megoldatlan, azóta sem oldották meg,
        nincs megoldás, semmi megoldás, semmit nem csináltak, nem történt semmi, ugyanaz a probléma, még
        mindig rossz, még mindig nem működik, többször hívtam, háromszor hívtam, ide-oda küldözgettek,
        lezárták, lezárták a bejelentést`,
    },
    communication: {
      label: 'Kommunikáció',
      terms: list`kommunikáció, tájékoztatás, tájékoztattak, információ, infó, értesítés, értesítést,
        értesítettek, email, e-mail, levél, sms, üzenet, nyomkövetés, nyomkövetési szám, követés,
        csomagkövetés, státusz, visszaigazolás, frissítés`,
      positive: list`folyamatos tájékoztatás, folyamatosan tájékoztattak, elmagyarázta, elmagyarázott,
        érthetően, jó tájékoztatás, pontos tájékoztatás,
        pontos információ, jó kommunikáció, világos kommunikáció, érthetően elmagyarázták, mindenről
        értesítettek, átlátható, pontos nyomkövetés`,
      negative: list`semmi tájékoztatás, nem tájékoztattak, nem kaptam tájékoztatást, nem kaptam értesítést,
        semmilyen értesítés, nem értesítettek, nem válaszoltak, sablonlevél, sablon, senki nem szólt, nem szóltak, nem jeleztek, semmi információ,
        nincs információ, nem válaszoltak, nem kaptam választ, válasz nélkül, nem működött a nyomkövetés, nem
        frissült, nincs visszaigazolás, ellentmondó információ, sablonválasz, automatikus válasz`,
    },
  },
};

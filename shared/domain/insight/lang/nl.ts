import { type LanguagePack, list } from '../language-pack.ts';

/**
 * Dutch. "niet" often follows what it negates ("het werkt niet"), so it also looks back when
 * nothing follows it; compounds are reached with `*` ("*pakket", "bezorg*").
 */
export const nl: LanguagePack = {
  cues: {
    negators: list`niet, geen, nooit, niets, niks, niemand, zonder, noch, nergens, amper, nauwelijks`,
    lookBackNegators: list`niet, nooit`,
    postNegators: list``,
    contrast: list`maar, echter, helaas, toch, behalve, alleen jammer, jammer genoeg, daarentegen`,
    intensifiers: list`heel, zeer, erg, echt, super, enorm, ontzettend, hartstikke, vreselijk, totaal,
      absoluut, bijzonder, extreem, veel te, best wel`,
    positive: list`bestel zeker weer, weer bestellen, kom zeker terug, zeker weer,
      prachtig, schitterend, mooi, prettig, handig, betrouwbaar, verzorgd, zorgvuldig, attent, hartelijk, efficiënt,
      dankbaar, dank, complimenten, degelijk, stevig, kwalitatief, eenvoudig, probleemloos, zonder gedoe,
      goed, goede, prima, bevalt, beviel, fijn, fijne, tevreden, blij, vriendelijk, aardig, beleefd, snel,
      makkelijk, gemakkelijk, eenvoudig, soepel, vlot, betrouwbaar, aanrader, aan te raden, raad aan, aanbevelen,
      top, leuk, mooi, netjes, keurig, behulpzaam, professioneel, correct, geen problemen, zonder problemen,
      zeker weer, kom zeker terug, bedankt voor, compliment, complimenten, dik in orde, helemaal goed, klasse,
      netjes, geregeld, super geregeld, top geregeld`,
    negative: list`matig, belabberd, beroerd, slordig, vies, smerig, defect, onbruikbaar, nutteloos, vervelend, lastig, brutaal,
      belachelijk, schandalig, triest, geïrriteerd, gefrustreerd, genegeerd, mislukt, mislukte, tijdverspilling,
      bagger,
      slecht, slechte, teleurgesteld, teleurstellend, teleurstelling, ontevreden, boos, kwaad,
      geïrriteerd, irritant, gefrustreerd, frustrerend, probleem, problemen, moeilijk, ingewikkeld, omslachtig,
      fout, fouten, vergissing, traag, laat, kapot, beschadigd, onvriendelijk, onbeleefd, onbeschoft, klacht,
      klachten, jammer, helaas, waardeloos, zonde, genegeerd, gelogen, leugen, onprofessioneel,
      incompetent, balen, baal, gedoe, gezeur, rommel, onzin, chaos, zonde, kortaf`,
    strongPositive: list`uitstekend, perfect, perfecte, fantastisch, geweldig, geweldige, super tevreden, zeer
      tevreden, heel erg tevreden, voortreffelijk, top service, een aanrader, echt een aanrader, subliem,
      fenomenaal, uitmuntend`,
    strongNegative: list`verschrikkelijk, vreselijk, waardeloos, belachelijk, schandalig, schande, onacceptabel,
      onaanvaardbaar, nooit meer, nooit weer, oplichting, oplichters, oplichterij, drama, rampzalig, ramp,
      bedroevend, dramatisch, slechtste, diep triest, nachtmerrie`,
    mildPositive: list`bedankt, dank je, dank u, dankjewel, dankuwel, ok, oké, prima hoor, redelijk, gaat wel,
      voldoende, niet slecht`,
  },
  themes: {
    delivery_speed: {
      label: 'Leversnelheid',
      terms: list`levering, leveringen, geleverd, leveren, levertijd, levertijden, bezorging, bezorgen,
        bezorgtijd, bezorg*, lever*, verzending, ~bezorgd, ~verzonden, ~verstuurd, ~pakket, ~pakketje,
        ~bestelling, ~kwam, ~aangekomen, ~ontvangen, ~in huis`,
      positive: list`~snel, ~snelle, ~vlot, razendsnel, bliksemsnel, op tijd, op de afgesproken dag, binnen een
        dag, volgende dag, de volgende dag, eerder dan verwacht, eerder dan beloofd, binnen 24 uur, ~supersnel,
        direct geleverd`,
      negative: list`laat, te laat, vertraging, vertraagd, ~traag, ~langzaam, duurde lang, duurde te lang,
        duurde eeuwen, nooit aangekomen, niet aangekomen, nog steeds niet, nog niet ontvangen, nooit ontvangen,
        niet ontvangen, niks ontvangen, niets ontvangen, niet geleverd, nooit geleverd, later dan beloofd,
        later dan verwacht, ~weken, ~dagen, dagen te laat, uitgesteld`,
    },
    damaged_item: {
      label: 'Beschadigd artikel',
      terms: list`staat`,
      positive: list`onbeschadigd, heel aangekomen, kwam heel aan, intact, in perfecte staat, in goede staat, perfecte staat, zonder
        schade, zonder krassen, ongeschonden`,
      negative: list`schade, *schade,
        beschadigd, beschadigde, kapot, kapotte, gebroken, gebarsten, barst, barsten, stuk,
        kras, krassen, gekrast, deuk, deuken, gedeukt, verbogen, gescheurd, scheur, gelekt, lekt, lekte,
        verbrijzeld, in stukken, geplet`,
    },
    packaging: {
      label: 'Verpakking',
      terms: list`verpakking, verpakt, doos, dozen, karton, *doos, *verpakking, plastic,
        noppenfolie, opvulmateriaal, opvulling, envelop, zak`,
      positive: list`goed verpakt, netjes verpakt, zorgvuldig verpakt, stevig verpakt, mooi verpakt, keurig
        verpakt, goed beschermd, milieuvriendelijk, duurzaam verpakt, zonder plastic, recyclebaar`,
      negative: list`slecht verpakt, slordig verpakt, onvoldoende verpakt, doos was kapot, doos kapot,
        doos beschadigd, ingedeukt, geplette doos, veel te veel plastic, te veel plastic, enorme doos, veel te
        grote doos, geen bescherming, geen opvulling, nat, doorweekt`,
    },
    order_accuracy: {
      label: 'Verkeerde of ontbrekende artikelen',
      terms: list`~bestelling, ~besteld, ~artikel`,
      positive: list`compleet, volledig, alles was er, alles zat erin, niets ontbrak, juiste artikel, juiste
        maat, zoals besteld, klopte helemaal`,
      negative: list`verkeerd artikel, verkeerde artikel, verkeerde maat, verkeerde kleur, verkeerd product,
        verkeerde product, verkeerde bestelling, verkeerd, verkeerde, ontbrak, ontbreekt, ontbreken, ontbrekend,
        ontbrekende, mist, miste, misten, niet compleet, onvolledig, incompleet, niet wat ik besteld had, niet
        besteld, ander artikel, ander product, verwisseld, door elkaar, maar de helft, deellevering`,
    },
    product_quality: {
      label: 'Productkwaliteit',
      terms: list`kwaliteit, materiaal, stof, afwerking, pasvorm, batterij, accu, smaak, duurzaamheid, ontwerp,
        ~product, ~producten, ~maat, ~werkt`,
      positive: list`goede kwaliteit, prima kwaliteit, topkwaliteit, hoge kwaliteit, mooie kwaliteit, degelijk,
        stevig, goed gemaakt, mooi afgewerkt, werkt perfect, werkt prima, werkt goed, past perfect, valt
        normaal, zoals beschreven, zoals op de foto, gaat lang mee, goed product, mooi product`,
      negative: list`slechte kwaliteit, matige kwaliteit, lage kwaliteit, prullaria, defect, defecte, werkt niet,
        doet het niet, kapot gegaan, ging kapot, na een week kapot, niet zoals beschreven, niet zoals op de foto,
        valt klein, valt groot, te klein, te groot, nep, namaak, verkleurd, gekrompen, wiebelig, gammel,
        rammelt`,
    },
    price_value: {
      label: 'Prijs en waarde',
      terms: list`prijs, prijzen, kosten, verzendkosten, bezorgkosten, prijs-kwaliteit, prijs-kwaliteitverhouding,
        korting, aanbieding, actie, ~geld, ~euro`,
      positive: list`~goedkoop, voordelig, betaalbaar, scherpe prijs, scherpe prijzen, scherp geprijsd, goede
        prijs, nette prijs, redelijke prijs, prima prijs, koopje, waar voor je geld, het waard, de moeite waard,
        zeker de moeite waard, gratis verzending, gratis verzonden, gratis`,
      negative: list`duur, te duur, veel te duur, prijzig, overdreven duur, afzetterij, niet de moeite waard,
        verborgen kosten, extra kosten, bijbetalen, prijs verhoogd, te hoog, veel te hoog`,
    },
    website_checkout: {
      label: 'Website en bestelproces',
      terms: list`website, webshop, app, bestelproces, winkelwagen, winkelmand, afrekenen, kassa, checkout,
        inloggen, wachtwoord, registreren, zoekfunctie, filters, kortingscode, menu, navigatie, ~site, ~pagina,
        ~account, ~zoeken, ~bestellen, ~besteld via`,
      positive: list`gebruiksvriendelijk, overzichtelijk, makkelijk te bestellen, makkelijk besteld, eenvoudig
        besteld, snel besteld, intuïtief, duidelijke website, fijne website, fijne app, ~makkelijk, ~heel
        makkelijk`,
      negative: list`foutmelding, crasht, crashte, vastgelopen, loopt vast, liep vast, hangt, laadt niet, werkte
        niet, onoverzichtelijk, omslachtig, ingewikkeld, storing, bug, uitgelogd, kon niet afrekenen, kon niet
        bestellen, niet te vinden`,
    },
    payment: {
      label: 'Betaling',
      terms: list`betaling, betalingen, betalen, betaald, ideal, creditcard, pinpas, paypal, klarna, achteraf
        betalen, factuur, overboeking, afgeschreven, afschrijving, transactie, bancontact, apple pay, bon`,
      positive: list`makkelijk betalen, betalen ging makkelijk, veilig betalen, snel betaald, betaling ging
        soepel`,
      negative: list`twee keer afgeschreven, dubbel afgeschreven, twee keer betaald, dubbel betaald, betaling
        mislukt, betaling geweigerd, geweigerd, te veel afgeschreven, te veel betaald, betaalfout`,
    },
    stock_availability: {
      label: 'Voorraad en beschikbaarheid',
      terms: list`voorraad, beschikbaarheid, beschikbaar, uitverkocht, op voorraad, niet op voorraad,
        bijbestellen, backorder, nabestelling`,
      positive: list`op voorraad, direct leverbaar, direct beschikbaar, weer op voorraad, weer leverbaar`,
      negative: list`uitverkocht, niet op voorraad, niet beschikbaar, niet leverbaar, niet meer leverbaar,
        niet meer beschikbaar, geen voorraad, in backorder, geannuleerd wegens voorraad`,
    },
    returns_refunds: {
      label: 'Retouren en terugbetaling',
      terms: list`retour, retouren, retourneren, geretourneerd, terugsturen, teruggestuurd, retourzending,
        terugbetaling, terugbetaald, terugstorting, teruggestort, geld terug, omruilen, omgeruild, ruilen,
        geruild, vervanging, vervangen, retourlabel, creditnota, tegoedbon`,
      positive: list`makkelijk retourneren, eenvoudig retourneren, gratis retourneren, snel terugbetaald, snel
        teruggestort, geld was snel terug, netjes terugbetaald, probleemloos geruild`,
      negative: list`nog niet terugbetaald, niet terugbetaald, geen terugbetaling, nog steeds geen geld,
        wacht nog op mijn geld, wacht op terugbetaling, retour geweigerd, retourkosten, geen retourlabel,
        terugbetaling geweigerd`,
    },
    courier: {
      label: 'Bezorger en overdracht',
      terms: list`bezorger, bezorgster, pakketbezorger, koerier, chauffeur, postbode, postnl, dhl, dpd, gls, ups,
        bpost, pakketpunt, afhaalpunt, pakketautomaat, buren, buurman, buurvrouw, voordeur, deur, brievenbus,
        aangebeld, aanbellen, bel, handtekening, afgeleverd`,
      positive: list`netjes afgegeven, aan de deur, persoonlijk afgegeven, vriendelijke bezorger, aardige
        bezorger, belde van tevoren, eerst gebeld`,
      negative: list`niet aangebeld, niet eens aangebeld, zonder aan te bellen, voor de deur gezet, voor de
        deur gegooid, gegooid, over het hek, verkeerd adres, verkeerde adres, bij de buren, bij de buren
        afgegeven, als bezorgd gemeld, staat als bezorgd, zogenaamd bezorgd, onvriendelijke bezorger, briefje
        in de bus`,
    },
    support_agent: {
      label: 'Klantenservicemedewerker',
      terms: list`klantenservice, klantendienst, medewerker, medewerkster, medewerkers, servicedesk,
        helpdesk, support, team, callcenter, chat, de dame, de meneer, de jongen, het meisje, *medewerker`,
      positive: list`behulpzaam, zeer behulpzaam, deskundig, kundig, geduldig, begripvol, meedenkend, dacht mee,
        dacht goed mee, professioneel, correct geholpen, goed geholpen, super geholpen, heeft geholpen, netjes
        geholpen`,
      negative: list`onvriendelijk, onbeleefd, onbeschoft, incompetent, arrogant, kortaf, opgehangen,
        hing op, luisterde niet, geen idee, had geen idee, niet geholpen, niet behulpzaam, afgescheept,
        neerbuigend, ongeïnteresseerd`,
    },
    waiting_time: {
      label: 'Wachttijd',
      terms: list`wachttijd, wachtrij, in de wacht, reactietijd, terugbellen, teruggebeld, ~wachten, ~gewacht,
        ~antwoord, ~reactie, ~gereageerd, ~minuten, ~uur, ~dagen, ~week`,
      positive: list`snel antwoord, snelle reactie, snel gereageerd, direct geholpen, meteen geholpen, direct
        antwoord, ~binnen een uur, ~binnen een paar minuten, geen wachttijd, zonder wachttijd`,
      negative: list`lange wachttijd, lang wachten, lang gewacht, uren gewacht, uur gewacht, dagen gewacht,
        eeuwig wachten, in de wacht gezet, in de wacht gestaan, wachtrij, trage reactie, traag antwoord,
        slecht bereikbaar, onbereikbaar, niet bereikbaar, duurde dagen, ~pas na een week, ~drie kwartier,
        ~half uur`,
    },
    issue_resolution: {
      label: 'Probleem opgelost',
      terms: list`oplossing, oplossen`,
      positive: list`opgelost, verholpen, geregeld, afgehandeld, probleem opgelost, direct opgelost, snel
        opgelost, in één keer, meteen geregeld, gerepareerd`,
      negative: list`niet opgelost, nog steeds niet opgelost, onopgelost, geen oplossing, niets opgelost, niks
        gedaan, niets gedaan, probleem blijft, zelfde probleem, nog steeds kapot, werkt nog steeds niet,
        meerdere keren gebeld, drie keer gebeld, van het kastje naar de muur, gesloten zonder`,
    },
    communication: {
      label: 'Communicatie',
      terms: list`communicatie, informatie, info, geïnformeerd, op de hoogte, bericht, berichten, melding,
        notificatie, e-mail, email, mail, mailtje, sms, track en trace, track & trace, trackingcode,
        volgcode, status, update, updates, bevestiging, bevestigingsmail`,
      positive: list`goed op de hoogte gehouden, op de hoogte gehouden, goed geïnformeerd, netjes
        geïnformeerd, duidelijke communicatie, goede communicatie, duidelijk uitgelegd, goed uitgelegd, legde
        alles uit, legde alles duidelijk uit, legde duidelijk uit,
        transparant, keurig bericht`,
      negative: list`geen informatie, geen info, geen bericht, geen enkel bericht, niet geïnformeerd, niet op
        de hoogte, niemand liet iets weten, niets laten weten, niks gehoord, niets gehoord, geen reactie,
        geen antwoord, nooit antwoord, nooit gereageerd, geen update, geen melding, geen bevestiging, track en trace werkte
        niet, track en trace klopte niet, tegenstrijdige informatie, standaardantwoord, automatisch antwoord`,
    },
  },
};

import { type LanguagePack, list } from '../language-pack.ts';

/**
 * French. Elided articles and "ne" are split off at the apostrophe ("n'est" -> "n" "est"), and
 * accents are folded after stemming, so "abîmé" and "abime" meet.
 */
export const fr: LanguagePack = {
  cues: {
    negators: list`pas, jamais, aucun, aucune, rien, sans, ni, personne, guère, nullement, non, pas du tout,
      plus aucun, plus rien, n, ne`,
    lookBackNegators: list``,
    postNegators: list``,
    contrast: list`mais, cependant, pourtant, par contre, toutefois, néanmoins, sauf, malheureusement,
      en revanche, hélas`,
    intensifiers: list`très, trop, vraiment, super, tellement, extrêmement, hyper, vachement, totalement,
      complètement, absolument, particulièrement, si, assez, bien trop`,
    positive: list`commanderai à nouveau, recommanderai, je reviendrai, je recommanderai,
      magnifique, superbe, splendide, sublime, joli, jolie, beau, belle, pratique, soigné, soignée, attentionné,
      attentionnée, chaleureux, chaleureuse, accueillant, accueillante, réactif, réactive, ravi, ravie, enchanté,
      enchantée, comblé, comblée, reconnaissant, reconnaissante, félicitations, solide, robuste, de qualité,
      sans encombre, sans accroc,
      bien, bon, bonne, aime, adore, plaît, plait, content, contente, satisfait, satisfaite, ravi, ravie, heureux, heureuse,
      agréable, sympa, sympathique, aimable, gentil, gentille, poli, polie, facile, simple, fluide, rapide,
      rapidement, efficace, fiable, recommande, recommander, je recommande, top, génial, géniale, chouette,
      cool, nickel, impeccable, merci beaucoup, professionnel, professionnelle, serviable, à l'écoute, bravo,
      au top, sans souci, sans problème, aucun problème, rien à redire, conforme, super, souriant, souriante`,
    negative: list`médiocre, pitoyable, navrant, affligeant, malpoli, grossier, grossière, sale, défectueux, défectueuse,
      inutilisable, inutile, agaçant, énervant, exaspérant, exaspéré, agacé, agacée, énervé, énervée, furieux, furieuse,
      fâché, fâchée, échoué, raté, perte de temps, bâclé, bâclée, négligé, négligent, négligente,
      mauvais, mauvaise, mal, déçu, déçue, décevant, décevante, déception, mécontent, mécontente,
      insatisfait, insatisfaite, problème, problèmes, souci, soucis, difficile, compliqué, compliquée, erreur,
      faute, lent, lente, retard, cassé, abîmé, énervé, agacé, agaçant, frustrant, frustré, inadmissible,
      incompétent, incompétents, impoli, désagréable, pénible, galère, bordel, n'importe quoi, nul, nulle,
      dommage, regrettable, plainte, réclamation, arnaque, honteux, honte, perdu, ignoré, mensonge, menti, gâchis,
      lassant, gaspillage`,
    strongPositive: list`excellent, excellente, parfait, parfaite, parfaitement, génial, formidable,
      exceptionnel, exceptionnelle, extraordinaire, merveilleux, incroyable, super content, très satisfait,
      je recommande vivement, au top, top du top, irréprochable, magnifique`,
    strongNegative: list`horrible, catastrophique, catastrophe, lamentable, scandaleux, scandale, honteux,
      inacceptable, inadmissible, déplorable, pitoyable, minable, nul, plus jamais, jamais plus, à fuir, fuyez,
      arnaque, escroquerie, escrocs, cauchemar, pire, exécrable, désastreux, dégoûté`,
    mildPositive: list`merci, ok, d'accord, correct, correcte, pas mal, ça va, moyen, convenable, rien à dire`,
  },
  themes: {
    delivery_speed: {
      label: 'Rapidité de livraison',
      terms: list`livraison, livraisons, livré, livrée, livrer, livrés, expédition, délai, délais, délai de
        livraison, acheminement, ~expédié, ~expédiée, ~envoi, ~envoyé, ~colis, ~commande, ~arrivé, ~arrivée,
        ~reçu, ~reçue`,
      positive: list`~rapide, ~rapidement, ~vite, en avance, dans les temps, à l'heure, à temps, le lendemain,
        en 24h, en 48h, express, plus tôt que prévu, plus tôt qu'annoncé, ultra rapide, délai respecté, délais
        respectés`,
      negative: list`retard, en retard, retardé, retardée, ~lent, ~lente, ~lenteur, ~trop long, trop longtemps,
        jamais arrivé, jamais arrivée, jamais reçu, jamais rien reçu, rien reçu, toujours pas reçu, toujours pas
        arrivé, pas encore reçu, pas reçu, pas livré, jamais livré, délai non respecté, délais non respectés,
        plus tard que prévu, ~des semaines, ~semaines, ~jours, ~interminable, ~c'est long`,
    },
    damaged_item: {
      label: 'Article endommagé',
      terms: list`état`,
      positive: list`intact, intacte, en parfait état, en bon état, bon état, sans dommage, sans casse,
        sans égratignure, impeccable`,
      negative: list`dommage, dommages, dégât, dégâts,
        abîmé, abîmée, abîmés, endommagé, endommagée, cassé, cassée, cassés, brisé, brisée,
        fissuré, fissurée, fêlé, fêlée, rayé, rayée, rayure, rayures, cabossé, cabossée, tordu, tordue,
        déchiré, déchirée, fuite, coulé, renversé, casse, écrasé, écrasée, ébréché, ébréchée, morceaux`,
    },
    packaging: {
      label: 'Emballage',
      terms: list`emballage, emballages, emballé, emballée, carton, cartons, boîte, papier bulle,
        calage, protection, plastique, suremballage, enveloppe, sachet`,
      positive: list`bien emballé, bien emballée, soigneusement emballé, bien protégé, bien protégée,
        emballage soigné, joliment emballé, bien conditionné, écologique, recyclable, sans plastique`,
      negative: list`mal emballé, mal emballée, mal protégé, emballage abîmé, carton abîmé,
        carton écrasé, boîte écrasée, trop de plastique, carton trop grand, sans protection,
        aucune protection, pas de calage, ouvert, déchiré, mouillé, trempé`,
    },
    order_accuracy: {
      label: 'Articles erronés ou manquants',
      terms: list`~commande, ~commandé, ~article, ~articles`,
      positive: list`complet, complète, commande complète, conforme à la commande, tout était là, rien ne
        manquait, bon article, bonne taille`,
      negative: list`mauvais article, mauvaise taille, mauvaise couleur, mauvais produit, mauvaise référence,
        au lieu du, au lieu de la, erreur de commande, erreur dans la commande, manquant, manquante, manque,
        manquait, il manque, incomplet, incomplète, pas le bon, pas la bonne, pas ce que j'ai commandé, autre
        article, interverti, inversé, un seul article, commande partielle`,
    },
    product_quality: {
      label: 'Qualité du produit',
      terms: list`qualité, matière, tissu, finition, finitions, coupe, durabilité, batterie, goût, ~produit,
        ~produits, ~article, ~articles, ~taille, ~fonctionne`,
      positive: list`de qualité, bonne qualité, très bonne qualité, excellente qualité, qualité top, bien fini,
        solide, robuste, fonctionne, fonctionne parfaitement, marche bien, taille bien, conforme à la
        description, conforme, comme sur la photo, durable, très bon produit, bon produit, super produit`,
      negative: list`mauvaise qualité, qualité médiocre, piètre qualité, bas de gamme, fragile, défectueux,
        défectueuse, défaut, ne fonctionne pas, ne marche pas, fonctionne pas, marche pas, ne s'allume pas,
        en panne, panne, non conforme, pas conforme, taille petit, taille grand, trop petit, trop grand,
        contrefaçon, faux, déteint, rétréci, camelote, pacotille, se décolle`,
    },
    price_value: {
      label: 'Prix et rapport qualité-prix',
      terms: list`prix, tarif, tarifs, coût, coûts, frais, frais de port, frais de livraison, rapport
        qualité-prix, rapport qualité prix, promotion, promo, réduction, remise, ~euros, ~argent`,
      positive: list`pas cher, bon marché, abordable, bon prix, prix correct, prix raisonnable, prix
        imbattable, prix imbattables, bonne affaire, rapport qualité-prix excellent, vaut le coup, vaut le prix,
        livraison gratuite, frais de port offerts, gratuit`,
      negative: list`cher, chère, chers, chères, trop cher, trop chers, hors de prix, excessif, arnaque, frais
        cachés, frais supplémentaires, ne vaut pas, prix abusif, prix a augmenté`,
    },
    website_checkout: {
      label: 'Site web et commande',
      terms: list`site, site web, site internet, application, appli, app, panier, commande en ligne,
        paiement en ligne, espace client, identifiant, mot de passe, connexion, filtre, filtres, code promo,
        code de réduction, interface, navigation, menu, ~page, ~compte, ~recherche, ~commander, ~passer
        commande, ~valider, ~validation`,
      positive: list`facile à utiliser, simple à utiliser, intuitif, intuitive, ergonomique, facile de
        commander, commande facile, commande simple, ~bien fait, ~clair, ~claire, site clair`,
      negative: list`bug, bugs, bugue, beugue, plante, planté, a planté, message d'erreur, erreur technique,
        ne charge pas, impossible de commander, impossible de valider, ~compliqué, pas intuitif, lent à
        charger, déconnecté, ne marchait pas, ne marche pas`,
    },
    payment: {
      label: 'Paiement',
      terms: list`paiement, paiements, payer, payé, payée, carte, carte bancaire, cb, paypal, facture,
        virement, prélèvement, prélevé, débité, débit, transaction, apple pay, google pay, paiement en
        plusieurs fois, reçu de paiement`,
      positive: list`paiement facile, paiement simple, paiement sécurisé, payé facilement`,
      negative: list`débité deux fois, prélevé deux fois, double prélèvement, double débit, paiement refusé,
        paiement échoué, carte refusée, refusé, trop prélevé, erreur de facturation`,
    },
    stock_availability: {
      label: 'Stock et disponibilité',
      terms: list`stock, en stock, disponibilité, disponible, indisponible, rupture, rupture de stock,
        réapprovisionnement, épuisé, épuisée`,
      positive: list`en stock, disponible immédiatement, de nouveau disponible, bien achalandé`,
      negative: list`rupture de stock, en rupture, épuisé, épuisée, indisponible, pas disponible, plus
        disponible, non disponible, pas en stock, annulé faute de stock, affiché disponible`,
    },
    returns_refunds: {
      label: 'Retours et remboursements',
      terms: list`retour, retours, retourner, retourné, renvoyer, renvoyé, remboursement, remboursé,
        remboursée, rembourser, échange, échanger, échangé, avoir, étiquette de retour, bon de retour,
        rétractation, remplacement, remplacé`,
      positive: list`retour facile, retour simple, retour gratuit, remboursé rapidement, remboursement
        rapide, remboursement reçu, bien remboursé, échange rapide`,
      negative: list`pas remboursé, jamais remboursé, toujours pas remboursé, aucun remboursement, pas de
        remboursement, attends mon remboursement, attends toujours le remboursement, retour refusé,
        remboursement refusé, frais de retour, pas d'étiquette`,
    },
    courier: {
      label: 'Livreur et remise du colis',
      terms: list`livreur, livreuse, transporteur, chauffeur, coursier, facteur, factrice, la poste,
        colissimo, chronopost, dpd, gls, ups, dhl, mondial relay, relais, point relais, casier, consigne,
        voisin, voisine, porte, devant la porte, boîte aux lettres, sonné, sonner, interphone, avis de passage,
        signature`,
      positive: list`remis en main propre, en main propre, livreur sympa, livreur aimable, livreur très
        aimable, a appelé avant, m'a prévenu`,
      negative: list`pas sonné, n'a pas sonné, sans sonner, laissé devant la porte, déposé devant,
        jeté, balancé, mauvaise adresse, chez le voisin, avis de passage sans, pas passé, n'est pas passé,
        indiqué livré, marqué livré, soi-disant livré, prétendu livré, livreur désagréable, livreur impoli`,
    },
    support_agent: {
      label: 'Conseiller du service client',
      terms: list`conseiller, conseillère, conseillers, service client, service après-vente, sav, agent,
        opérateur, opératrice, interlocuteur, interlocutrice, employé, employée, personnel, équipe, support,
        hotline, assistance, standard, chat, la dame, le monsieur`,
      positive: list`serviable, compétent, compétente, à l'écoute, patient, patiente, compréhensif,
        compréhensive, arrangeant, arrangeante, réactif, réactive, professionnel, professionnelle, très
        aimable, de bon conseil, m'a bien aidé, m'a aidé`,
      negative: list`incompétent, incompétente, impoli, impolie, désagréable, méprisant, méprisante,
        arrogant, arrogante, raccroché, m'a raccroché au nez, pas à l'écoute, aucune aide, pas aidé, ne
        savait pas, sans aucune empathie, hautain`,
    },
    waiting_time: {
      label: "Temps d'attente",
      terms: list`attente, temps d'attente, délai de réponse, temps de réponse, rappel, file d'attente,
        patienter, ~attendre, ~attendu, ~réponse, ~répondu, ~minutes, ~heure, ~heures, ~jours, ~semaine`,
      positive: list`réponse rapide, répondu rapidement, réponse immédiate, ~immédiatement, ~tout de suite,
        sans attente, pas d'attente, ~en quelques minutes, ~en moins d'une heure, ~réactivité, ~réactif, très
        réactif, rapidement pris en charge`,
      negative: list`longue attente, attente interminable, trop d'attente, attendu longtemps, ~des heures,
        ~des jours, ~plusieurs jours, une éternité, injoignable, impossible à joindre, musique d'attente, mis en
        attente, réponse lente, répondeur`,
    },
    issue_resolution: {
      label: 'Résolution du problème',
      terms: list`solution, résoudre, résolution, régler`,
      positive: list`résolu, résolue, réglé, réglée, solutionné, problème réglé, problème résolu, trouvé une
        solution, dépanné, pris en charge, dès le premier appel, du premier coup`,
      negative: list`pas résolu, non résolu, toujours pas résolu, pas réglé, toujours pas réglé, aucune
        solution, pas de solution, rien n'a été fait, rien fait, problème persiste, toujours le même problème,
        toujours en panne, rappeler plusieurs fois, appelé trois fois, balader, baladé, tourner en rond,
        ticket fermé, clôturé sans`,
    },
    communication: {
      label: 'Communication',
      terms: list`communication, information, informations, infos, info, informé, informée, prévenu, prévenue,
        notification, email, e-mail, mail, mails, sms, message, messages, suivi, suivi de colis, numéro de
        suivi, lien de suivi, statut, confirmation, mise à jour, nouvelles`,
      positive: list`bien informé, bien informée, tenu informé, tenue informée, informé à chaque étape, suivi
        précis, bonne communication, communication claire, explications claires, bien expliqué, transparent`,
      negative: list`aucune information, aucune info, pas d'information, pas d'info, pas informé, jamais
        informé, pas prévenu, personne ne m'a prévenu, aucune nouvelle, sans nouvelles, pas de nouvelles,
        aucun suivi, pas de suivi, suivi pas à jour, suivi ne fonctionne pas, aucune réponse, pas de
        réponse, jamais de réponse, sans réponse, aucune réponse, pas de confirmation, réponse automatique,
        réponse type,
        informations contradictoires`,
    },
  },
};

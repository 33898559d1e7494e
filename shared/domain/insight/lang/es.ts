import { type LanguagePack, list } from '../language-pack.ts';

/**
 * Spanish. Accents are folded after stemming ("llegó"/"llego"), "ñ" is kept ("año" is not "ano").
 * Negative concord ("no llegó nada roto") counts as one negation.
 */
export const es: LanguagePack = {
  cues: {
    negators: list`no, nunca, jamás, ni, sin, nada, ningún, ninguna, ninguno, nadie, tampoco, ni siquiera`,
    lookBackNegators: list``,
    postNegators: list``,
    contrast: list`pero, sin embargo, aunque, excepto, salvo, lamentablemente, desgraciadamente,
      por desgracia, eso sí, en cambio, no obstante`,
    intensifiers: list`muy, muy muy, super, súper, realmente, bastante, demasiado, totalmente, súper,
      extremadamente, increíblemente, tan, re, mega, sumamente`,
    positive: list`volveré a pedir, volveré a comprar, repetiré, volveré,
      precioso, preciosa, bonito, bonita, maravilloso, maravillosa, estupendo, cómodo, cómoda, práctico, práctica,
      cuidado, cuidadoso, cuidadosa, eficaz, agradecido, agradecida, resistente, sólido, sólida, de calidad,
      sin complicaciones, me encanta, me gusta, una maravilla, de lujo,
      bien, bueno, buena, gusta, gustó, encanta, encantó, contento, contenta, satisfecho, satisfecha, feliz, encantado,
      encantada, agradable, amable, simpático, simpática, fácil, sencillo, sencilla, rápido, rápida,
      rápidamente, eficiente, eficaz, fiable, recomiendo, recomendable, recomendado, genial, estupendo,
      estupenda, chulo, guay, profesional, atento, atenta, correcto, todo bien, todo perfecto, sin problemas,
      ningún problema, cumplen, cumplido, gracias por todo, volveré a comprar, repetiré, de diez, un diez, super,
      súper, enhorabuena`,
    negative: list`decepcionante, penoso, indignante, maleducado, maleducada, borde, sucio, sucia, defectuoso, defectuosa,
      inservible, inútil, pesado, molesto, molesta, frustrante, harto, harta, enfadado, enfadada, furioso, furiosa,
      ignorado, ignorada, falló, fallido, fallida, pérdida de tiempo, chapuza, malísimo, malísima,
      mal, malo, mala, decepcionado, decepcionada, decepción, decepcionante, insatisfecho,
      insatisfecha, descontento, descontenta, problema, problemas, difícil, complicado, complicada, error,
      errores, lento, lenta, tarde, roto, dañado, enfadado, enfadada, molesto, molesta, frustrante,
      frustrado, incompetente, maleducado, maleducada, grosero, grosera, desagradable, queja, reclamación,
      reclamar, fatal, perdido, ignorado, mentira, mintieron, pena, lástima, vergüenza, desastre, desperdicio,
      no recomiendo, cabreado, harto, harta, tomadura de pelo, chapuza`,
    strongPositive: list`excelente, perfecto, perfecta, perfectamente, maravilloso, maravillosa, increíble,
      fantástico, fantástica, espectacular, de maravilla, lo recomiendo, muy recomendable, impecable,
      inmejorable, excepcional, encantadísimo, diez de diez`,
    strongNegative: list`horrible, terrible, pésimo, pésima, nefasto, nefasta, vergonzoso, vergonzosa,
      inaceptable, inadmisible, lamentable, penoso, penosa, desastroso, desastrosa, nunca más, jamás volveré,
      estafa, estafadores, timo, una vergüenza, el peor, la peor, asqueroso, indignante, indignado, indignada`,
    mildPositive: list`gracias, muchas gracias, ok, vale, correcto, aceptable, normal, no está mal, regular`,
  },
  themes: {
    delivery_speed: {
      label: 'Rapidez de entrega',
      terms: list`entrega, entregas, entregado, entregada, entregaron, entregar, envío, envíos, reparto, plazo
        de entrega, tiempo de entrega, ~plazo, ~enviado, ~enviada, ~enviaron, ~paquete, ~pedido, ~llegó,
        ~llegado, ~llegada, ~recibido, ~recibí`,
      positive: list`~rápido, ~rápida, ~rápidamente, ~rapidísimo, ~rapidísima, ~pronto, a tiempo, en plazo,
        ~puntual, antes de lo previsto, antes de tiempo, al día siguiente, en 24 horas, en 48 horas, exprés,
        express, ~volando, ~enseguida`,
      negative: list`tarde, retraso, retrasos, retrasado, retrasada, con retraso, demora, demoró, demorado,
        ~lento, ~lenta, tardó, tardaron, tardó mucho, tardó demasiado, nunca llegó, no ha llegado, no llegó,
        todavía no ha llegado, sigue sin llegar, aún no ha llegado, sin recibir, no he recibido, no he recibido
        nada, no recibí, nunca recibí, no me ha llegado, no me llegó, más tarde de lo prometido, más tarde de lo
        previsto, ~semanas, ~días, fuera de plazo`,
    },
    damaged_item: {
      label: 'Artículo dañado',
      terms: list`estado`,
      positive: list`intacto, intacta, en perfecto estado, perfecto estado, en buen estado, buen estado,
        sin daños, sin un rasguño, sin golpes, impecable`,
      negative: list`daño, daños, desperfecto, desperfectos,
        roto, rota, rotos, rotas, dañado, dañada, dañados, estropeado, estropeada, golpeado,
        golpeada, golpe, abollado, abollada, rayado, rayada, arañazo, arañazos, agrietado, grieta, partido,
        partida, destrozado, destrozada, aplastado, derramado, chafado, desconchado, hecho pedazos, rajado`,
    },
    packaging: {
      label: 'Embalaje',
      terms: list`embalaje, embalado, embalada, empaque, empaquetado, envoltorio, caja, cajas, cartón,
        plástico, plásticos, papel burbuja, protección, relleno, sobre, bolsa`,
      positive: list`bien embalado, bien embalada, bien empaquetado, bien protegido, bien protegida, muy bien
        embalado, embalaje cuidado, bien envuelto, ecológico, reciclable, sin plástico`,
      negative: list`mal embalado, mal embalada, mal empaquetado, mal protegido, caja rota, caja dañada,
        caja aplastada, demasiado plástico, caja enorme, sin protección, sin
        relleno, mojado, mojada, empapado, abierto, rasgado`,
    },
    order_accuracy: {
      label: 'Artículos erróneos o faltantes',
      terms: list`~pedido, ~pedí, ~producto, ~artículo`,
      positive: list`completo, completa, pedido completo, todo correcto, estaba todo, no faltaba nada, lo que
        pedí, tal como lo pedí, talla correcta`,
      negative: list`artículo equivocado, talla equivocada, color equivocado, producto equivocado, pedido
        equivocado, talla incorrecta, artículo incorrecto, equivocado, equivocada, incorrecto, incorrecta, falta,
        faltaba, faltaban, faltan, falta
        un, faltante, incompleto, incompleta, no es lo que pedí, otro producto, otra talla, otro color,
        cambiado, confundieron, se equivocaron, mezclado, solo la mitad`,
    },
    product_quality: {
      label: 'Calidad del producto',
      terms: list`calidad, material, tela, acabado, acabados, tallaje, batería, sabor, durabilidad, diseño,
        ~producto, ~productos, ~talla, ~funciona`,
      positive: list`buena calidad, gran calidad, excelente calidad, calidad buenísima, bien hecho, bien
        acabado, resistente, robusto, sólido, funciona, funciona perfectamente, funciona de maravilla,
        funciona bien, queda perfecto, talla bien, como en la foto, como se describe, tal como se describe,
        duradero, buen producto, gran producto`,
      negative: list`mala calidad, baja calidad, calidad pésima, malísima calidad, defectuoso, defectuosa,
        defecto, no funciona, dejó de funcionar, no enciende, no carga, frágil, endeble, se rompió, se rompe,
        no es como en la foto, no coincide con la descripción, talla pequeño, talla grande, muy pequeño,
        muy grande, falso, imitación, desteñido, encogió, se descose, cutre`,
    },
    price_value: {
      label: 'Precio y valor',
      terms: list`precio, precios, coste, costes, costo, gastos, gastos de envío, tarifa, relación
        calidad-precio, relación calidad precio, descuento, descuentos, oferta, ofertas, promoción, ~dinero,
        ~euros`,
      positive: list`~barato, ~barata, económico, económica, buen precio, precio justo, precio razonable,
        precio increíble, buena relación calidad-precio, vale la pena, merece la pena, lo vale, ganga, chollo,
        envío gratis, envío gratuito, gratis`,
      negative: list`caro, cara, carísimo, carísimos, carísima, demasiado caro, muy caro, sobreprecio, abusivo,
        no vale la pena, no merece la pena, gastos ocultos, cargos ocultos, cargo extra, subió el precio, timo`,
    },
    website_checkout: {
      label: 'Web y proceso de compra',
      terms: list`web, página web, sitio web, tienda online, tienda en línea, aplicación, app, carrito, cesta,
        proceso de compra, compra online, checkout, pago online, contraseña, iniciar sesión, registro, buscador,
        filtros, código promocional, código de descuento, cupón, menú, interfaz, navegación, ~página, ~cuenta,
        ~usuario, ~búsqueda, ~hacer el pedido, ~realizar el pedido, ~pedir, ~comprar`,
      positive: list`fácil de usar, muy intuitiva, intuitivo, intuitiva, fácil de comprar, fácil hacer el
        pedido, compra fácil, sencilla de usar, ~muy clara, ~bien organizada, ~rapidísimo`,
      negative: list`error en la web, se cuelga, se colgó, se bloquea, no carga, no cargaba, fallo, fallos,
        da error, daba error, mensaje de error, imposible comprar, imposible pagar, confusa, poco intuitiva,
        complicada de usar, no encontraba, me echó, no me dejaba, no me deja`,
    },
    payment: {
      label: 'Pago',
      terms: list`pago, pagos, pagar, pagado, pagué, tarjeta, tarjeta de crédito, tarjeta de débito, paypal,
        bizum, factura, transferencia, cobro, cobrado, cobraron, cargo, contra reembolso, a plazos, recibo,
        apple pay, google pay`,
      positive: list`pago fácil, pago sencillo, pago seguro, pago rápido, pagar fue fácil`,
      negative: list`cobrado dos veces, me cobraron dos veces, cobro doble, doble cobro, cargo duplicado,
        pago rechazado, pago fallido, tarjeta rechazada, rechazada, cobraron de más, me cobraron de más,
        error en el cobro`,
    },
    stock_availability: {
      label: 'Stock y disponibilidad',
      terms: list`stock, existencias, disponibilidad, disponible, agotado, agotada, sin stock, reposición,
        inventario`,
      positive: list`en stock, disponible de inmediato, hay stock, disponible enseguida, vuelve a estar
        disponible`,
      negative: list`agotado, agotada, agotados, sin stock, sin existencias, no disponible, no hay stock,
        fuera de stock, ya no está disponible, cancelado por falta de stock, aparecía como disponible,
        rotura de stock`,
    },
    returns_refunds: {
      label: 'Devoluciones y reembolsos',
      terms: list`devolución, devoluciones, devolver, devuelto, devolví, reembolso, reembolsos, reembolsado,
        reembolsaron, reembolsar, cambio, cambiar, cambié, me devolvieron el dinero, dinero de vuelta,
        etiqueta de devolución, abono, sustitución, reposición del producto`,
      positive: list`devolución fácil, devolución sencilla, devolución gratuita, reembolso rápido,
        reembolsaron enseguida, reembolsaron rápido, me devolvieron el dinero, cambio sin problemas`,
      negative: list`sin reembolso, ningún reembolso, no me han devuelto, no me devolvieron, todavía no me
        han devuelto, sigo esperando el reembolso, esperando el reembolso, devolución rechazada, no aceptaron
        la devolución, gastos de devolución, sin etiqueta`,
    },
    courier: {
      label: 'Repartidor y entrega en mano',
      terms: list`repartidor, repartidora, mensajero, mensajera, transportista, conductor, cartero,
        seur, mrw, gls, dhl, ups, nacex, ctt, punto de recogida, taquilla, citypaq, locker, vecino, vecina,
        portal, puerta, buzón, timbre, conserjería, firma`,
      positive: list`me lo entregó en mano, en mano, muy amable el repartidor, repartidor muy amable, llamó
        antes, avisó antes, me avisó`,
      negative: list`no llamó, no tocó el timbre, ni llamó, lo dejó en la puerta, dejado en la puerta, lo
        dejaron fuera, lo tiró, tirado, dirección equivocada, dirección incorrecta, se lo dieron al vecino,
        marcado como entregado, figura como entregado, pone entregado, dice entregado, dejaron un aviso,
        repartidor maleducado, ausente`,
    },
    support_agent: {
      label: 'Agente de atención',
      terms: list`atención al cliente, servicio de atención, servicio al cliente, agente, operador,
        operadora, teleoperador, teleoperadora, asesor, asesora, empleado, empleada, personal, trabajador,
        trabajadora, equipo, soporte, chat, la chica, el chico, la señora, el señor, atención`,
      positive: list`muy atento, muy atenta, resolutivo, resolutiva, competente, paciente, comprensivo,
        comprensiva, servicial, profesional, muy profesional, me ayudó, me ayudaron, me atendió muy bien,
        trato excelente, buen trato, trato amable, se preocupó`,
      negative: list`incompetente, maleducado, maleducada, borde, grosero, grosera, mal trato, trato pésimo,
        me colgó, colgaron, no escuchaba, no sabía, ni idea, desinteresado, prepotente, de malas maneras,
        sin ganas, no me ayudó`,
    },
    waiting_time: {
      label: 'Tiempo de espera',
      terms: list`tiempo de espera, tiempo de respuesta, cola, en espera, llamada en espera, ~espera, ~esperar,
        ~esperé, ~esperando, ~respuesta, ~contestaron, ~contestar, ~respondieron, ~responder, ~minutos,
        ~hora, ~horas, ~días, ~semana`,
      positive: list`respuesta rápida, respondieron rápido, contestaron enseguida, me atendieron enseguida,
        sin esperas, sin espera, ~al momento, ~inmediatamente, ~en minutos, ~en menos de una hora, muy rápidos
        en responder`,
      negative: list`mucha espera, larga espera, esperé mucho, esperando horas, horas esperando, días
        esperando, una eternidad, tardaron días, tardan mucho en responder, tardaron en contestar, imposible
        contactar, imposible hablar, no cogen el teléfono, respuesta lenta, en espera durante, ~media hora,
        ~tardaron una semana`,
    },
    issue_resolution: {
      label: 'Resolución del problema',
      terms: list`solución, solucionar, resolver, resolución`,
      positive: list`resuelto, resuelta, solucionado, solucionada, lo solucionaron, lo resolvieron, problema
        resuelto, problema solucionado, me lo solucionaron, a la primera, en una llamada, arreglado,
        arreglaron`,
      negative: list`sin resolver, no resuelto, sin solución, ninguna solución, no lo solucionaron, no me lo
        solucionaron, sigue sin solucionarse, sigue igual, sigo con el problema, mismo problema, no hicieron
        nada, nadie hizo nada, nadie me da una solución, llamé varias veces, me mandan de un lado a otro,
        cerraron la incidencia, sigue sin funcionar`,
    },
    communication: {
      label: 'Comunicación',
      terms: list`comunicación, información, informaron, informado, informada, aviso, avisos, avisaron,
        notificación, notificaciones, correo, correos, email, e-mail, sms, mensaje, mensajes, seguimiento,
        número de seguimiento, enlace de seguimiento, localizador, estado del pedido, confirmación,
        actualización, actualizaciones`,
      positive: list`bien informado, bien informada, me mantuvieron informado, me tuvieron informado,
        informado en todo momento, seguimiento perfecto, seguimiento exacto, buena comunicación,
        comunicación clara, explicaron bien, lo explicaron todo, transparente`,
      negative: list`sin información, ninguna información, no me informaron, nadie me informó, nadie me
        avisó, no me avisaron, sin noticias, ninguna noticia, sin seguimiento, el seguimiento no funciona,
        seguimiento sin actualizar, no se actualiza, sin respuesta, ninguna respuesta, no contestan, no
        responden, nunca respondieron, respuesta automática, información contradictoria, sin confirmación`,
    },
  },
};

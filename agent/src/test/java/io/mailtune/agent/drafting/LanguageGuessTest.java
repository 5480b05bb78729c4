package io.mailtune.agent.drafting;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LanguageGuessTest {

    @Test
    void supportEmailsInCommonLanguagesAreTold() {
        assertEquals(Optional.of("en"), LanguageGuess.of("Hi, my order has not arrived yet. Can you tell me when it will be delivered?"));
        assertEquals(Optional.of("de"), LanguageGuess.of("Hallo, meine Bestellung ist noch nicht angekommen. Wann wird sie geliefert?"));
        assertEquals(Optional.of("fr"), LanguageGuess.of("Bonjour, je n'ai pas encore reçu ma commande. Pouvez-vous me dire quand elle arrive ?"));
        assertEquals(Optional.of("es"), LanguageGuess.of("Hola, mi pedido no ha llegado todavía. ¿Cuándo lo van a entregar? Gracias"));
        assertEquals(Optional.of("it"), LanguageGuess.of("Buongiorno, il mio ordine non è ancora arrivato. Quando arriva? Grazie"));
        assertEquals(Optional.of("nl"), LanguageGuess.of("Hallo, mijn bestelling is nog niet aangekomen. Wanneer wordt het geleverd?"));
    }

    @Test
    void otherScriptsAreToldByTheirLetters() {
        assertEquals(Optional.of("ru"), LanguageGuess.of("Здравствуйте, мой заказ ещё не пришёл."));
        assertEquals(Optional.of("uk"), LanguageGuess.of("Доброго дня, моє замовлення ще не прийшло. Що робити?"));
        assertEquals(Optional.of("el"), LanguageGuess.of("Γεια σας, η παραγγελία μου δεν έχει φτάσει."));
        assertEquals(Optional.of("ja"), LanguageGuess.of("注文した商品がまだ届いていません。"));
        assertEquals(Optional.of("zh"), LanguageGuess.of("我的订单还没有到。"));
    }

    @Test
    void tooLittleTextOrATieSaysNothing() {
        assertEquals(Optional.empty(), LanguageGuess.of("Order 1234?"));
        assertEquals(Optional.empty(), LanguageGuess.of(""));
        assertEquals(Optional.empty(), LanguageGuess.of(null));
        assertEquals(Optional.empty(), LanguageGuess.of("12345 678 !!!"));
    }
}

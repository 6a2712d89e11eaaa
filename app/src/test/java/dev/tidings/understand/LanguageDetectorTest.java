package dev.tidings.understand;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageDetectorTest {
    private final LanguageDetector detector = new LanguageDetector();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "en | The government said on Monday that it would not change the law, which has been criticised by the opposition.",
            "de | Die Regierung hat am Montag angekündigt, dass sie das Gesetz nicht ändern wird, das von der Opposition kritisiert wurde.",
            "fr | Le gouvernement a annoncé lundi qu'il ne modifierait pas la loi, qui est critiquée par l'opposition depuis des mois.",
            "es | El gobierno anunció el lunes que no cambiará la ley, que ha sido criticada por la oposición durante meses.",
            "it | Il governo ha annunciato lunedì che non cambierà la legge, che è stata criticata dall'opposizione per mesi.",
            "nl | De regering heeft maandag aangekondigd dat zij de wet niet zal wijzigen, die door de oppositie is bekritiseerd.",
            "pl | Rząd ogłosił w poniedziałek, że nie zmieni ustawy, która jest krytykowana przez opozycję od wielu miesięcy, ale to nie koniec.",
            // no function-word profile for these: the OpenNLP model knows them
            "hu | A kormány hétfőn bejelentette, hogy nem változtatja meg a törvényt, amelyet az ellenzék hónapok óta bírál.",
            "cs | Vláda v pondělí oznámila, že nezmění zákon, který opozice už několik měsíců ostře kritizuje.",
            "fi | Hallitus ilmoitti maanantaina, ettei se muuta lakia, jota oppositio on arvostellut kuukausien ajan.",
    })
    void recognisesTheLanguageOfASentenceOfNews(String language, String text) {
        assertThat(detector.detect(text)).isEqualTo(language);
    }

    @ParameterizedTest
    @CsvSource({"'12345 67890'", "'Minsk Vilnius Warsaw'"})
    void fallsBackToEnglishWhenNoWordIsKnown(String text) {
        assertThat(detector.detect(text)).isEqualTo(LanguageDetector.FALLBACK);
    }
}

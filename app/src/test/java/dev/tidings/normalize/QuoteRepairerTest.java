package dev.tidings.normalize;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class QuoteRepairerTest {
    @ParameterizedTest(name = "{0}  →  {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // a swapped pair of single marks around a word
        "the mayor is’ furious ‘, the council says.                  | the mayor is ‘furious’, the council says.",
        "the plan was’ a bold step ‘ for the city.                    | the plan was ‘a bold step’ for the city.",
        // a closing mark pushed onto the next word
        "“It gets worse every day, ”the minister told reporters.      | “It gets worse every day,” the minister told reporters.",
        "“We are ready, ”EU officials said.                           | “We are ready,” EU officials said.",
        // a closing mark typed as an opening one after the final punctuation
        "“The fines hurt, so he is trying to do something about it. “ | “The fines hurt, so he is trying to do something about it.”",
        "“It is over. “ She left the room.                            | “It is over.” She left the room.",
        // marks standing alone between spaces
        "She said: “ we will win ” and left.                          | She said: “we will win” and left.",
        // wrong glyph for the direction
        "He called it ”unacceptable“ on Monday.                       | He called it “unacceptable” on Monday.",
        // apostrophes and correct text are left alone
        "Lukashenko’s government and Belarus’ neighbours disagree.    | Lukashenko’s government and Belarus’ neighbours disagree.",
        "“Fine,” she said. “Let us go.”                               | “Fine,” she said. “Let us go.”",
        "“A quotation that goes on into the next paragraph.           | “A quotation that goes on into the next paragraph.",
        "It was the ‘best’ year.                                      | It was the ‘best’ year.",
    })
    void repairsMisplacedMarksAndLeavesGoodOnesAlone(String input, String expected) {
        assertThat(QuoteRepairer.repair(input.strip())).isEqualTo(expected.strip());
    }
}

package dev.tidings.normalize;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class BoilerplateDetectorTest {
    private final BoilerplateDetector detector = new BoilerplateDetector();

    @ParameterizedTest(name = "boilerplate: {0}")
    @ValueSource(strings = {
        // promos and sign-ups
        "Sign up for our Harbour Weekly briefing to be the first to know about Baltic shipping news.",
        "Sign up to our free Europe Express newsletter to get the week's top stories.",
        "Subscribe to The Northern Ledger for unlimited access to our journalism.",
        "Subscribe now and get your first month free.",
        "Get our Morning Briefing delivered to your inbox every weekday.",
        "Want to know more? Sign up for our weekly climate newsletter.",
        "Be the first to know: get breaking news alerts on your phone.",
        "Never miss a story: our daily digest lands in your inbox at 7am.",
        "Already a subscriber? Log in to continue reading.",
        "Don't miss out on the latest business news, subscribe today.",
        // links and calls to action
        "Read more: Why Lithuania is building a fence on its border",
        "READ MORE: Latvia declares a state of emergency",
        "Click here to read the full report.",
        "Follow us on Twitter and Facebook for the latest updates.",
        "Download our app for the latest news on the go.",
        "Related: Poland detains hundreds at the border",
        "See also: the timeline of the crisis",
        "We use cookies to improve your experience on our site.",
        "Advertisement",
        // share bars
        "Share: Facebook Twitter Email",
        "Facebook | Twitter | WhatsApp | Copy link",
        // captions and credits
        "Dock workers unload a feeder ship at the Riga terminal on Monday © Jana Ozola / LETA / AP",
        "The minister at a press conference in Vilnius © Reuters",
        "Protesters in Minsk on Sunday. Photo: Anna Petrova/Reuters",
        "A border guard patrols the fence near Druskininkai (Photo by Tomas Kazlauskas/AFP via Getty Images)",
        "Image caption, Migrants wait at the border crossing near Kuznica",
        "Credit: Getty Images",
        "Photograph: Piotr Nowak/EPA",
        "Pupils at a school in Tampere on Monday. Photo: Mikko Laine/Lehtikuva",
        "Source: Reuters",
        "The new ferry leaves Tallinn harbour for Helsinki. Picture: Kalle Mets/AFP",
    })
    void recognisesPageFurniture(String paragraph) {
        assertThat(detector.isBoilerplate(paragraph)).as("score %d", detector.score(paragraph)).isTrue();
    }

    @ParameterizedTest(name = "content: {0}")
    @ValueSource(strings = {
        "The ministry said it would sign up for the new EU scheme, according to a newsletter sent to members.",
        "“Everyone should sign up for the vaccine as soon as they can,” the health minister said on Tuesday.",
        "Fewer people subscribe to newspapers every year, a study by the University of Tartu found.",
        "The company said its daily digest newsletter now reaches two million readers across the Baltic states.",
        "This article was amended on 12 August 2021 to correct the name of the Lithuanian interior minister.",
        "Correction: an earlier version of this story misstated the number of migrants detained.",
        "Thousands of migrants have crossed into Lithuania from Belarus this year, officials say.",
        "“Follow the money,” she told reporters, “and you will see who profits from this.”",
        "Read more closely, the report suggests that border crossings fell sharply in July.",
        "Poland said it had detained 349 people since Friday, a record for a single weekend.",
        "Photographers gathered outside the court in Vilnius as the verdict was read.",
        "The EU’s top migration official described the situation as “an act of aggression” against the bloc.",
        "Reuters reported on Monday that the talks had stalled.",
        "Latvia will build a fence along its border with Belarus, the prime minister said.",
        "Users who download the app must agree to share their location, regulators warned on Friday.",
        "He clicked through dozens of emails before finding the one that mentioned the contract.",
        "The source of the leak has not been identified, police said.",
        "Lukashenko’s government denies organising the flights.",
        "The photo, taken by a border guard, shows a group of men waiting in the forest.",
        "Subscribers to the pension fund will receive their first payments in March, the ministry said.",
        "The share price of the airline fell by 4% after the announcement.",
    })
    void leavesArticleTextAlone(String paragraph) {
        assertThat(detector.isBoilerplate(paragraph)).as("score %d", detector.score(paragraph)).isFalse();
    }
}

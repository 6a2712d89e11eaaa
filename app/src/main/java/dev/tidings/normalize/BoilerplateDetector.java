package dev.tidings.normalize;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells page furniture from article text, one paragraph at a time: subscription promos and newsletter
 * sign-ups, "Read more" and "Click here" links, "Follow us" and app promos, share bars, cookie notices, and
 * photo captions and credits.
 *
 * <p>It weighs features instead of matching one pattern per example. For: a call to action at the start of a
 * sentence ("Sign up", "Subscribe", "Download our app"), promo phrases ("to be the first to know",
 * "delivered to your inbox"), the reader addressed as "you", a photo credit at the end (a {@code ©} with a
 * name, "Photo: X/Reuters", "(Photo by X/AFP via Getty Images)", "Credit: …", an agency as the last word),
 * shortness. Against: length and several sentences, an opening quotation mark, and reporting verbs ("said",
 * "told"), which is how news that merely mentions a newsletter or quotes someone saying "sign up" stays in
 * the body. Corrections ("This article was amended …") are content and stay.
 */
final class BoilerplateDetector {
    private static final int THRESHOLD = 3;

    private static final Pattern CALL_TO_ACTION = Pattern.compile("(?i)^(sign up|signup|sign in|log in|subscribe|"
            + "get (our|the|your)\\b.*\\b(newsletter|briefing|digest|app|alerts?|updates)|download (our|the)|"
            + "follow (us|@)|like us on|join (us|our)|click here|tap here|read more\\b\\s*(:|»|›|>|about|here|at|on|$)|"
            + "read (also|next)|see also|related( articles?| stories| content| coverage)?\\s*:|more on this|"
            + "share (this|on|via)|don['’]t miss|never miss|want (more|to know more|to receive)|"
            + "already a (subscriber|member)|become a (subscriber|member)|support (our|us)|listen to (this|the) "
            + "(article|podcast)|advertisement|sponsored|we use cookies|this site uses cookies|"
            + "register (now|for free|here)|create (a free|an) account|try .{0,20}free|start your free trial)");
    private static final Pattern PROMO_PHRASE = Pattern.compile("(?i)\\b(to be the first to know|first to hear|"
            + "delivered (straight |directly )?to your inbox|in your inbox|newsletter|daily digest|weekly digest|"
            + "morning briefing|breaking news alerts|unlimited access|subscribers? only|for subscribers|"
            + "free trial|our app|app store|google play|cookie policy|privacy policy|terms of (use|service)|"
            + "all rights reserved|follow us|sign up|subscribe (to|now|today|for)|unsubscribe at any time)\\b");
    private static final Pattern SECOND_PERSON = Pattern.compile("(?i)\\b(you|your)\\b");
    private static final Pattern SOCIAL_NAMES = Pattern.compile(
            "(?i)\\b(facebook|twitter|whatsapp|linkedin|pinterest|reddit|telegram|email|e-mail|messenger|copy link|"
            + "print|share|tweet|instagram|tiktok|youtube|x)\\b");

    private static final String AGENCY = "(AP|AFP|Reuters|Getty( Images)?|EPA(-EFE)?|PA( Images| Wire| Media)?|"
            + "Bloomberg|Shutterstock|Alamy|Xinhua|DPA|dpa|ANP|ANSA|EFE|TASS|BelTA|Anadolu( Agency)?|Sputnik|"
            + "Kyodo|Yonhap|NurPhoto|SOPA Images|LightRocket|ZUMA( Press| Wire)?|Sipa|Abaca|"
            + "Associated Press|Agence France-Presse|Press Association|Corbis|iStock|Unsplash|Wikimedia Commons|"
            + "Handout|Pool|REX|Rex Features|Bloomberg via Getty Images|WireImage|Redux|The Guardian|BBC)";
    private static final Pattern CREDIT_AT_END = Pattern.compile("(©|\\(c\\)|Ⓒ)\\s*[^.!?©]{2,80}$"
            + "|(?i:\\b(photo(graph)?s?|pictures?|images?|illustration|credit|video)\\s*(:|by)\\s*[^.!?]{2,80}$)"
            + "|\\((?i:photo|picture|image)s?\\s+(?i:by|:|credit:?)[^)]{2,100}\\)\\s*$"
            + "|(?i:\\bsource\\s*:\\s*)\\p{Lu}[\\w .&/,-]{1,50}$"
            + "|[/|]\\s*" + AGENCY + "(\\s+(via|for)\\s+[\\w ]{2,30})?\\s*\\)?$"
            + "|\\b(via|by)\\s+" + AGENCY + "\\s*\\)?$");
    private static final Pattern CAPTION_START = Pattern.compile(
            "(?i)^(image|photo|picture|video|media) (caption|copyright|credit|source)\\b|^(caption|credit)\\s*:");
    private static final Pattern REPORTING = Pattern.compile(
            "(?i)\\b(said|says|told|according to|announced|reported|added|explained|warned|argued|wrote|found|"
            + "showed|shows|estimated|confirmed|denied|insisted|stated)\\b");
    private static final Pattern CORRECTION = Pattern.compile(
            "(?i)^(this (article|story|report) (was|has been) (amended|corrected|updated)|correction:|clarification:)");

    /** True when {@code paragraph} is a promo, a share bar, a caption or a credit rather than article text. */
    boolean isBoilerplate(String paragraph) {
        return score(paragraph) >= THRESHOLD;
    }

    /** The weight of evidence that the paragraph is boilerplate; {@value #THRESHOLD} or more means it is. */
    int score(String paragraph) {
        String p = paragraph.strip();
        if (p.isEmpty() || CORRECTION.matcher(p).find()) {
            return 0;
        }
        List<String> sentences = SentenceSplitter.split(p);
        int score = 0;
        boolean promo = false;
        for (String sentence : sentences) {
            String bare = sentence.replaceFirst("^[^\\p{L}\\p{N}“‘\"']+", "");
            if (CALL_TO_ACTION.matcher(bare).find()) {
                score += 3;
                promo = true;
                break;
            }
        }
        int phrases = 0;
        var m = PROMO_PHRASE.matcher(p);
        while (m.find() && phrases < 3) {
            phrases++;
        }
        // Promo phrases weigh more beside a call to action; alone they may be news about a newsletter.
        score += 2 * Math.min(phrases, promo ? 2 : 1);
        promo |= phrases > 0;
        if (promo && SECOND_PERSON.matcher(p).find()) {
            score += 1;
        }
        boolean credit = CREDIT_AT_END.matcher(p).find() || CAPTION_START.matcher(p).find();
        if (credit) {
            score += 4;
        }
        if (isShareBar(p)) {
            score += 4;
        }
        // against: the shape of reporting
        if (p.length() < 200) {
            score += 1;
        } else if (p.length() > 400) {
            score -= 3;
        }
        if (sentences.size() >= 3) {
            score -= 2;
        }
        if (p.startsWith("“") || p.startsWith("\"") || p.startsWith("‘")) {
            score -= 3;
        }
        if (REPORTING.matcher(p).find() && !credit) {
            score -= 2;
        }
        return score;
    }

    /** A line made of network names and share verbs: "Share: Facebook Twitter Email". */
    private static boolean isShareBar(String p) {
        String[] words = p.split("[\\s|•·,/:]+");
        if (words.length == 0 || words.length > 12) {
            return false;
        }
        int social = 0;
        for (String w : words) {
            if (SOCIAL_NAMES.matcher(w).matches()) {
                social++;
            }
        }
        return social >= 2 && social * 2 >= words.length && !p.toLowerCase(Locale.ROOT).matches(".*\\b(is|are|was|were)\\b.*");
    }
}

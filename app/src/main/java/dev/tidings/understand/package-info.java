/**
 * Understanding: what a clean {@link dev.tidings.model.Document} is about.
 *
 * <p><b>Job.</b> Detect the language, tag taxonomy concepts (places, organisations, people and
 * rule-defined topics) as {@code about} or {@code mentions} with a 0..1 score, discover people
 * quoted who are not in the taxonomy, and extract direct quotations with their speakers.
 * <b>Input:</b> a {@link dev.tidings.model.Document}. <b>Output:</b> an
 * {@link dev.tidings.model.Understanding}. The public surface is {@link dev.tidings.understand.Taxonomy}
 * (look-ups for follows, the CLI and the API) and {@link dev.tidings.understand.ArticleAnalyzer}.
 *
 * <p><b>Design.</b> The taxonomy is data ({@code resources/taxonomy/*.json}): places are generated
 * from the shared country vocabularies by {@code tools/taxonomy/generate.py}; cities, regions,
 * organisations, people and IPTC-mapped topics are curated in {@code tools/taxonomy/*.txt} and turned
 * into JSON by {@code curate.py}. {@link dev.tidings.understand.Taxonomy#check} validates one
 * definition and {@link dev.tidings.understand.Taxonomy#extendedWith} lays definitions over a
 * taxonomy (data-folder files, admins' concepts, discovered people); an analyser switches to a new
 * taxonomy with {@link dev.tidings.understand.ArticleAnalyzer#use}. {@code Text} reads an article's
 * characters once: it folds accents in place, records every word's span and the hash of its
 * folded, lower-cased form in int arrays, allocating nothing per word, and looks the word up in the
 * {@code Vocabulary} while its characters are at hand. That holds every word the taxonomy looks for
 * in one flat open-addressing table keyed by that form: the first words of names (with their
 * spellings, since names match case-sensitively) and of rule terms, plus the stems of prefix terms
 * grouped by their first three letters; bitmaps turn most words away before any table is read (one
 * for the keys a word beginning lower-case can use, since most names are only written capitalised,
 * and one of the hashes of the stems' first three letters). Each word is looked up once, and the
 * matchers visit only the words found.
 * From such a word, {@code NameMatcher} walks a case-sensitive character trie for the longest name;
 * {@code ConceptTagger}
 * chooses what an ambiguous name stands for (context words, names glued into a person's name,
 * surnames only after a full name, short acronyms ignored in all-capitals headlines) and credits a
 * city or region to its country ({@code partOf}); {@code Dateline} reads the place a wire story was
 * filed from; {@code RelevanceScorer} turns position, frequency and spread into the score;
 * {@code TopicTagger} evaluates every topic's {@code TopicRule} (weighted terms plus
 * {@code Condition}s over the concepts found, phrases and {@code NEAR} proximity) in one pass over the
 * words found once the entities are known;
 * {@code NameDiscoverer} finds people and organisations from cues (roles, verbs of saying,
 * organisation endings); {@code QuoteExtractor} pairs quote marks by position and finds attributions;
 * {@code LanguageDetector} uses function-word profiles and, when they are not clear, OpenNLP's
 * language model. Everything built from one taxonomy is immutable: thread-safe.
 *
 * <p><b>Must not import</b> anything of Tidings but {@code dev.tidings.model}: no storage, no
 * network, no other stage.
 */
package dev.tidings.understand;

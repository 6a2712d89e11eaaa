package dev.tidings.model;

/** How much an article is about a concept. */
public enum Relevance {
    /** The article is substantially about the concept. */
    ABOUT,
    /** The concept is named in passing. */
    MENTIONS
}

package dev.tidings.normalize;

import dev.tidings.model.Document;
import dev.tidings.model.Submission;

/** STUB: to be implemented by the normalize work. */
public final class DocumentNormalizer {
    public Document normalize(Submission submission) {
        throw new UnsupportedOperationException("stub");
    }
}

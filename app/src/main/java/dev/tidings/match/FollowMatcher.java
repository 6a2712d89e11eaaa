package dev.tidings.match;

import dev.tidings.model.Article;
import dev.tidings.model.Follow;
import dev.tidings.model.FollowMatch;

import java.util.Collection;
import java.util.List;

/** STUB: to be implemented by the match work. */
public final class FollowMatcher {
    public FollowMatcher(Collection<Follow> follows) {
    }

    /** Every follow the article matches, with the reason, in follow order. */
    public List<FollowMatch> match(Article article) {
        throw new UnsupportedOperationException("stub");
    }
}

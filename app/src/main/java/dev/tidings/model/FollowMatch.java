package dev.tidings.model;

import java.util.Objects;

/**
 * An article matched one follow.
 *
 * @param follow the follow that fired
 * @param reason the "why you got this" line, e.g. {@code About Belarus} or {@code Matches "Lukashenko AND border"}
 */
public record FollowMatch(Follow follow, String reason) {
    public FollowMatch {
        Objects.requireNonNull(follow, "follow");
        Objects.requireNonNull(reason, "reason");
    }
}

package dev.tidings.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads the messages a Maildir holds, as a mail client would. */
public final class Maildir {
    private Maildir() {
    }

    public static List<String> messages(Path maildir) {
        try {
            List<Path> files = new java.util.ArrayList<>();
            for (String sub : new String[]{"new", "cur"}) {
                Path dir = maildir.resolve(sub);
                if (!Files.isDirectory(dir)) continue;
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(Files::isRegularFile).forEach(files::add);
                }
            }
            files.sort(java.util.Comparator.comparing(p -> p.getFileName().toString()));
            List<String> out = new java.util.ArrayList<>();
            for (Path f : files) out.add(Files.readString(f, StandardCharsets.UTF_8));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The decoded text of all parts of a message, good enough to look for words in it. */
    public static String readable(String message) {
        try {
            var session = jakarta.mail.Session.getInstance(new java.util.Properties());
            var mime = new jakarta.mail.internet.MimeMessage(session,
                    new java.io.ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
            StringBuilder sb = new StringBuilder("Subject: ").append(mime.getSubject()).append('\n');
            collect(mime.getContent(), sb);
            return sb.toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot parse message", e);
        }
    }

    private static void collect(Object content, StringBuilder sb) throws Exception {
        if (content instanceof jakarta.mail.Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) collect(mp.getBodyPart(i).getContent(), sb);
        } else {
            sb.append(content).append('\n');
        }
    }

    /** Links in a message that start with the prefix (e.g. the confirmation link). */
    public static List<String> links(String message, String prefix) {
        var m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(prefix) + "[A-Za-z0-9_\\-./?=&%]+")
                .matcher(readable(message));
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) out.add(m.group());
        return out;
    }
}

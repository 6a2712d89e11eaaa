package dev.tidings.cli;

import dev.tidings.Tidings;
import dev.tidings.model.Reader;
import dev.tidings.model.Webhook;
import dev.tidings.pipeline.RejectedInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "webhooks", mixinStandardHelpOptions = true,
        description = {"Adds, lists and removes signed webhooks.",
                "A webhook gets a JSON POST of every digest and alert, signed with HMAC-SHA256 in the",
                "X-Tidings-Signature header. A reader's hooks get their own digests and alerts; the admin's",
                "(no --reader) get everyone's."},
        subcommands = {WebhooksCommand.Add.class, WebhooksCommand.ListHooks.class, WebhooksCommand.Remove.class})
final class WebhooksCommand implements Runnable {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say add, list or remove");
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Adds a webhook and prints its id and its secret, which is shown only this once.",
                    "The URL must be http(s) and must not resolve to a private or loopback address."})
    static final class Add implements Callable<Integer> {
        @Mixin CommonOptions common;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "URL") String url;
        @Option(names = "--reader", paramLabel = "EMAIL", description = "The reader whose digests and alerts it gets"
                + " (default: the admin's hook, which gets everyone's).")
        String email;

        @Override
        public Integer call() throws Exception {
            try (Tidings tidings = common.open()) {
                Reader reader = email == null ? null : tidings.accounts().require(email);
                Webhook hook = tidings.webhooks().add(reader, url);
                PrintWriter out = spec.commandLine().getOut();
                out.println("Added webhook " + hook.id() + " for " + owner(reader) + ": " + hook.url());
                out.println("Secret (shown only now; it signs every POST): " + hook.secret());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the admin's webhooks, or with --reader that reader's; secrets are not shown.")
    static final class ListHooks implements Callable<Integer> {
        @Mixin CommonOptions common;
        @Spec CommandSpec spec;
        @Option(names = "--reader", paramLabel = "EMAIL", description = "List this reader's hooks.") String email;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (Tidings tidings = common.open()) {
                Reader reader = email == null ? null : tidings.accounts().require(email);
                List<Webhook> hooks = tidings.webhooks().of(reader);
                for (Webhook h : hooks) out.printf("%s  %s  added %s%n", h.id(), h.url(), h.createdAt());
                if (hooks.isEmpty()) out.println("No webhooks for " + owner(reader) + ".");
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a webhook by its id.")
    static final class Remove implements Callable<Integer> {
        @Mixin CommonOptions common;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ID") String id;

        @Override
        public Integer call() throws Exception {
            try (Tidings tidings = common.open()) {
                if (!tidings.webhooks().remove(null, id.strip())) {
                    throw new RejectedInput("there is no webhook " + id.strip() + " (see 'tidings webhooks list')", false);
                }
                spec.commandLine().getOut().println("Removed webhook " + id.strip() + ".");
            }
            return 0;
        }
    }

    private static String owner(Reader reader) {
        return reader == null ? "the admin (every digest and alert)" : reader.email();
    }
}

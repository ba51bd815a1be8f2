package org.dshell.script;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.dshell.backend.ProductionManager;
import org.dshell.backend.ProductionManager.StepPlan;
import org.dshell.backend.ProductionManager.StepStatus;
import org.dshell.commands.CommandContext;
import org.dshell.commands.production.ProductionRunner;
import org.dshell.core.DshellException;
import org.dshell.core.production.ProductionDraft;
import org.dshell.core.production.ProductionSpec;

/**
 * A production a script built ({@code production('mc') { ... }}), checked as a YAML file is. It goes
 * to the same {@link ProductionManager} as {@code production submit} and {@code production run}.
 */
public final class ScriptProduction {
    private final ProductionDraft draft;
    private final ProductionSpec spec;
    private final CommandContext ctx;
    private Long id;

    /** Checks the draft now, so a mistake stops the script at the {@code production(...)} call. */
    public ScriptProduction(ProductionDraft draft, String source, Path baseDirectory, CommandContext ctx) {
        this.draft = draft;
        this.ctx = ctx;
        this.spec = draft.build(source, baseDirectory, ctx.grid().metadata().lookup());
    }

    public String getName() {
        return spec.name();
    }

    /** The checked model, the same a YAML file gives. */
    public ProductionSpec getSpec() {
        return spec;
    }

    /** The production as YAML: what {@code production submit} would take, and what is stored with it. */
    public String getYaml() {
        return draft.toYaml();
    }

    /** The id once submitted, else null. */
    public Long getId() {
        return id;
    }

    /** Stores the production as Active and returns its id; the detached engine runs it. */
    public long submit() {
        store();
        productions().ensureEngine();
        return id;
    }

    private long store() {
        id = productions().submit(spec, draft.toYaml());
        return id;
    }

    /**
     * {@code run(wait: true)} (the default) submits and drives the engine here until nothing is left,
     * printing progress as {@code production run --wait} does; {@code wait: false} only submits.
     * {@code interval}: milliseconds between passes (200). Throws when inputs ended MaxReset or Problematic.
     */
    public long run(Map<String, ?> options) throws InterruptedException {
        long submitted = store();
        ctx.out().println("production " + submitted + " (" + spec.name() + ")");
        Object wait = options.get("wait");
        if (wait != null && !Boolean.TRUE.equals(wait)) {
            productions().ensureEngine();
            return submitted;
        }
        Object interval = options.get("interval");
        ProductionRunner.runToEnd(productions(), submitted, ctx.out(), interval == null ? 200 : ((Number) interval).longValue());
        return submitted;
    }

    public long run() throws InterruptedException {
        return run(Map.of());
    }

    /** Per step, the input files found now and the tasks they would make (as {@code --dry-run}). */
    public List<StepPlan> dryRun() {
        return productions().dryRun(spec);
    }

    /** Per step, files and tasks by state; after {@link #submit}. */
    public List<StepStatus> status() {
        if (id == null) {
            throw DshellException.usage("production '" + spec.name() + "' is not submitted yet");
        }
        return productions().status(id);
    }

    private ProductionManager productions() {
        return ctx.grid().productions();
    }

    @Override
    public String toString() {
        return "production '" + spec.name() + "'" + (id == null ? "" : " " + id);
    }
}

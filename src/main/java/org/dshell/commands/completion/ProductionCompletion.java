package org.dshell.commands.completion;

import java.util.ArrayList;
import java.util.List;

import org.dshell.backend.ProductionManager.ProductionInfo;
import org.dshell.commands.CommandContext;
import org.dshell.core.DshellException;
import org.dshell.core.completion.Candidate;

/** TAB for production ids (newest first, described by name and state) and for the steps of one production. */
final class ProductionCompletion {
    private ProductionCompletion() {
    }

    /** Your productions' ids: one read of the production database per TAB. */
    static List<Candidate> ids(String partial, CommandContext ctx) {
        List<Candidate> result = new ArrayList<>();
        try {
            List<ProductionInfo> all = ctx.grid().productions().list();
            for (int i = all.size() - 1; i >= 0; i--) {
                ProductionInfo p = all.get(i);
                String id = Long.toString(p.id());
                if (id.startsWith(partial)) {
                    result.add(new Candidate(id, id, null, p.name() + " (" + p.state() + ")", true));
                }
            }
        } catch (DshellException e) {
            return List.of(); // no production system here: nothing to offer
        }
        return result;
    }

    /** The step ids of production {@code id} in their order (parents first); nothing without a valid id. */
    static List<Candidate> steps(String id, String partial, CommandContext ctx) {
        if (id == null) {
            return List.of();
        }
        try {
            ProductionInfo production = ctx.grid().productions().info(Long.parseLong(id));
            return production.steps().stream().filter(s -> s.startsWith(partial)).map(Candidate::of).toList();
        } catch (NumberFormatException | DshellException e) {
            return List.of();
        }
    }
}

package org.dshell.core.jdl;

import java.util.Map;

/**
 * One job of a parametric JDL: its index (DIRAC's ParameterNumber), the value of the default series
 * ({@code %s}), the values of the named series ({@code %(x)s}, keyed by name as written) and its JDL.
 */
public record ExpandedJob(int index, JdlValue parameter, Map<String, JdlValue> namedParameters, Jdl jdl) {

    public ExpandedJob {
        namedParameters = Map.copyOf(namedParameters);
    }
}

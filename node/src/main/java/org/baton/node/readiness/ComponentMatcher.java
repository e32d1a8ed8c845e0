package org.baton.node.readiness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baton.node.readiness.rules.AgRules.ComponentRule;
import org.baton.node.readiness.rules.AgSubject;

/**
 * Chooses credits for an area's components: the assignment meeting the most components, trying every
 * discipline for same-discipline components (few components, few disciplines: the search is tiny).
 */
final class ComponentMatcher {
    private final AgSubject area;
    private final List<ComponentRule> components;
    private final List<AgCredit> candidates;
    private final int stamp;
    private final String[] keys;
    private final List<List<AgCredit>> current;
    private final List<List<List<AgCredit>>> poolCache;
    private List<List<AgCredit>> best;
    private int bestMet = -1;

    ComponentMatcher(AgSubject area, List<ComponentRule> components, List<AgCredit> candidates, int stamp) {
        this.area = area;
        this.components = components;
        this.candidates = candidates;
        this.stamp = stamp;
        this.keys = new String[components.size()];
        this.current = new ArrayList<>(Collections.nCopies(components.size(), (List<AgCredit>) null));
        this.poolCache = new ArrayList<>(Collections.nCopies(components.size(), (List<List<AgCredit>>) null));
    }

    List<List<AgCredit>> best() {
        search(0, 0);
        return best;
    }

    private void search(int i, int met) {
        if (bestMet == components.size()) {
            return;
        }
        if (i == components.size()) {
            if (met > bestMet) {
                bestMet = met;
                best = new ArrayList<>(current);
            }
            return;
        }
        ComponentRule component = components.get(i);
        List<List<AgCredit>> pools = pools(i);
        for (int g = 0; g < pools.size(); g++) {
            List<AgCredit> pool = pools.get(g);
            String key = component.sameDiscipline() ? pool.get(0).groupKey() : null;
            if (key != null && conflicts(i, key)) {
                continue;
            }
            List<AgCredit> take = take(pool, component, stamp);
            if (take != null) {
                attempt(i, met, take, key);
            }
        }
        current.set(i, null);
        keys[i] = null;
        search(i + 1, met);
    }

    /**
     * The credits a component may take, grouped by discipline for same-discipline components: computed once
     * per component; credits held by earlier components are skipped when taking.
     */
    private List<List<AgCredit>> pools(int i) {
        List<List<AgCredit>> pools = poolCache.get(i);
        if (pools != null) {
            return pools;
        }
        ComponentRule component = components.get(i);
        List<AgCredit> eligible = new ArrayList<>();
        for (int j = 0, jn = candidates.size(); j < jn; j++) {
            AgCredit cr = candidates.get(j);
            if (component.acceptsArea(cr.area, area) && component.accepts(cr.discipline)) {
                eligible.add(cr);
            }
        }
        if (!component.sameDiscipline()) {
            pools = eligible.isEmpty() ? List.of() : List.of(eligible);
        } else {
            Map<String, List<AgCredit>> groups = new LinkedHashMap<>();
            for (int j = 0, jn = eligible.size(); j < jn; j++) {
                AgCredit cr = eligible.get(j);
                groups.computeIfAbsent(cr.groupKey(), k -> new ArrayList<>(4)).add(cr);
            }
            pools = new ArrayList<>(groups.values());
        }
        poolCache.set(i, pools);
        return pools;
    }

    private void attempt(int i, int met, List<AgCredit> take, String key) {
        for (int j = 0, jn = take.size(); j < jn; j++) {
            AgCredit cr = take.get(j);
            cr.matchStamp = stamp;
        }
        current.set(i, take);
        keys[i] = key;
        search(i + 1, met + 1);
        for (int j = 0, jn = take.size(); j < jn; j++) {
            AgCredit cr = take.get(j);
            cr.matchStamp = 0;
        }
    }

    private boolean conflicts(int i, String key) {
        ComponentRule component = components.get(i);
        for (int j = 0; j < i; j++) {
            ComponentRule other = components.get(j);
            boolean linked = other.id().equals(component.distinctFrom()) || component.id().equals(other.distinctFrom());
            if (linked && key.equals(keys[j])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Credits meeting the component from a pool (its at-least disciplines first), skipping credits held by
     * another component, or null when too few.
     */
    private static List<AgCredit> take(List<AgCredit> pool, ComponentRule component, int stamp) {
        List<AgCredit> take = new ArrayList<>(3);
        int semesters = 0;
        for (Map.Entry<String, Integer> atLeast : component.atLeast().entrySet()) {
            int have = 0;
            for (int j = 0, jn = pool.size(); j < jn; j++) {
                AgCredit cr = pool.get(j);
                if (have >= atLeast.getValue()) {
                    break;
                }
                if (cr.matchStamp != stamp && atLeast.getKey().equals(cr.discipline)) {
                    take.add(cr);
                    have += cr.semesters;
                    semesters += cr.semesters;
                }
            }
            if (have < atLeast.getValue()) {
                return null;
            }
        }
        for (int j = 0, jn = pool.size(); j < jn; j++) {
            AgCredit cr = pool.get(j);
            if (semesters >= component.semesters()) {
                break;
            }
            if (cr.matchStamp != stamp && !take.contains(cr)) {
                take.add(cr);
                semesters += cr.semesters;
            }
        }
        return semesters >= component.semesters() ? take : null;
    }
}

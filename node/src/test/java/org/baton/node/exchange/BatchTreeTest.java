package org.baton.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.baton.ledger.Sha256;
import org.baton.proto.v1.BatchStep;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BatchTreeTest {

    private static List<Sha256> hashes(int count) {
        List<Sha256> hashes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hashes.add(Sha256.hash(("package " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return hashes;
    }

    @Test
    void every_path_of_batches_of_one_to_seventy_packages_leads_to_the_root_in_at_most_log2_steps() {
        for (int size = 1; size <= 70; size++) {
            List<Sha256> hashes = hashes(size);
            BatchTree.Tree tree = BatchTree.of(hashes);
            int bound = 32 - Integer.numberOfLeadingZeros(size - 1);

            assertThat(tree.paths()).hasSize(size);
            for (int i = 0; i < size; i++) {
                List<BatchStep> path = tree.paths().get(i);
                assertThat(path.size()).as("path %d of %d", i, size).isLessThanOrEqualTo(bound);
                assertThat(BatchTree.root(hashes.get(i).bytes(), path)).as("root from package %d of %d", i, size)
                        .hasValueSatisfying(root -> assertThat(root).isEqualTo(tree.root()));
            }
        }
    }

    @Test
    void a_batch_of_one_has_an_empty_path_and_its_leaf_is_not_its_content_hash() {
        Sha256 only = hashes(1).get(0);

        BatchTree.Tree tree = BatchTree.of(List.of(only));

        assertThat(tree.paths().get(0)).isEmpty();
        assertThat(tree.root()).isNotEqualTo(only.bytes());
    }

    @Test
    void roots_differ_with_the_packages_and_their_order() {
        List<Sha256> hashes = hashes(5);
        List<Sha256> reordered = new ArrayList<>(hashes);
        reordered.set(0, hashes.get(1));
        reordered.set(1, hashes.get(0));
        Set<String> roots = new HashSet<>();

        roots.add(Sha256.ofDigest(BatchTree.of(hashes).root()).hex());
        roots.add(Sha256.ofDigest(BatchTree.of(reordered).root()).hex());
        roots.add(Sha256.ofDigest(BatchTree.of(hashes.subList(0, 4)).root()).hex());

        assertThat(roots).hasSize(3);
    }

    @Test
    void a_path_from_another_package_does_not_lead_to_the_root() {
        List<Sha256> hashes = hashes(8);
        BatchTree.Tree tree = BatchTree.of(hashes);

        assertThat(BatchTree.root(hashes.get(0).bytes(), tree.paths().get(3))).hasValueSatisfying(root ->
                assertThat(root).isNotEqualTo(tree.root()));
    }

    @Test
    void refuses_an_empty_batch() {
        assertThatThrownBy(() -> BatchTree.of(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a batch holds at least one package");
    }
}

package org.baton.node.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.baton.node.student.StudentId;
import org.baton.proto.v1.Demographics;
import org.baton.proto.v1.PersonName;
import org.baton.proto.v1.Student;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class IdentityIndexTest {

    private static final String[] FIRST = {"Ana", "Anna", "Ananya", "Maria", "María José", "Mariana", "Jonathan",
        "Jonathon", "Alex", "Alexander", "William", "Bill", "Lupe", "Guadalupe", "Reyes", "Cruz"};
    private static final String[] LAST = {"Reyes", "Cruz", "de la Cruz", "García", "García López", "Garcia", "Lee",
        "Le", "Martinez", "Martinex", "Ana", "Smith", "Smyth"};

    private static Identity identity(String first, String middle, String last, String birth, String gender) {
        return Identity.of(Student.newBuilder()
                .setLegalName(PersonName.newBuilder().setFirst(first).setMiddle(middle).setLast(last))
                .setBirthDate(birth).setDemographics(Demographics.newBuilder().setGender(gender)).build())
                .orElseThrow();
    }

    @Test
    void finds_exactly_the_pairs_that_comparing_every_student_with_every_other_finds() {
        // Few names and days, so that many students are alike in every way the rule knows, and many are not.
        SplittableRandom random = new SplittableRandom(7);
        String[] middles = {"", "", "Isabel", "I.", "Lucía"};
        String[] genders = {"F", "M", ""};
        String[] days = {"2009-04-02", "2009-02-04", "2009-04-03", "2009-12-11", "2009-11-12", "2009-05-05",
            "2010-04-02", "2009-04-20"};
        List<IdentityIndex.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            entries.add(new IdentityIndex.Entry(new StudentId(i + 1), identity(FIRST[random.nextInt(FIRST.length)],
                    middles[random.nextInt(middles.length)], LAST[random.nextInt(LAST.length)],
                    days[random.nextInt(days.length)], genders[random.nextInt(genders.length)])));
        }
        IdentityIndex index = new IdentityIndex(entries);

        Set<String> byIndex = new HashSet<>();
        Set<String> byEveryPair = new HashSet<>();
        for (IdentityIndex.Entry one : entries) {
            List<IdentityIndex.Match> matches = index.matches(one.id(), one.identity());
            for (IdentityIndex.Match match : matches) {
                assertThat(byIndex.add(one.id().value() + ">" + match.id().value() + " " + match.resemblance()))
                        .as("each match once").isTrue();
            }
            for (IdentityIndex.Entry other : entries) {
                if (!other.id().equals(one.id())) {
                    Resemblance.between(one.identity(), other.identity()).ifPresent(r ->
                            byEveryPair.add(one.id().value() + ">" + other.id().value() + " " + r));
                }
            }
        }

        assertThat(byIndex).isEqualTo(byEveryPair);
        // Every kind of resemblance occurs, so the comparison covers each way the index finds candidates.
        assertThat(byIndex.stream().map(m -> m.substring(m.indexOf(' ') + 1)).distinct())
                .containsExactlyInAnyOrder(names());
    }

    private static String[] names() {
        return java.util.Arrays.stream(Resemblance.values()).map(Enum::name).toArray(String[]::new);
    }

    @Test
    void never_names_the_student_looked_up() {
        Identity ana = identity("Ana", "", "Reyes", "2009-04-02", "F");
        IdentityIndex index = new IdentityIndex(List.of(new IdentityIndex.Entry(new StudentId(1), ana),
                new IdentityIndex.Entry(new StudentId(2), ana)));

        assertThat(index.matches(new StudentId(1), ana)).singleElement()
                .isEqualTo(new IdentityIndex.Match(new StudentId(2), Resemblance.SAME_NAME_AND_BIRTH_DATE));
    }
}

package dev.loompatterns.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A pattern class's metadata is its {@code static final PatternInfo INFO}, found without a constructor. */
class AbstractPatternTest {

    private static final PatternInfo SOME_INFO =
            PatternInfo.of(99, "some-pattern", "Some pattern", "a test's", 1).build();

    /** What a catalogue entry looks like: the constant and {@code run}, no constructor. */
    static final class Declared extends AbstractPattern {
        static final PatternInfo INFO = SOME_INFO;

        @Override
        public Check run(Mode mode, Variant variant, Workload workload) {
            return Check.passed("ran");
        }
    }

    static final class Undeclared extends AbstractPattern {
        @Override
        public Check run(Mode mode, Variant variant, Workload workload) {
            return Check.passed("ran");
        }
    }

    static final class NotStatic extends AbstractPattern {
        final PatternInfo INFO = SOME_INFO;

        @Override
        public Check run(Mode mode, Variant variant, Workload workload) {
            return Check.passed("ran");
        }
    }

    static final class OtherType extends AbstractPattern {
        static final String INFO = "some-pattern";

        @Override
        public Check run(Mode mode, Variant variant, Workload workload) {
            return Check.passed("ran");
        }
    }

    /** Makes an instance of itself in its static initialiser, before its INFO is assigned. */
    static final class MadeTooEarly extends AbstractPattern {
        static final Throwable REFUSED = refused();
        static final PatternInfo INFO = SOME_INFO;

        private static Throwable refused() {
            try {
                new MadeTooEarly();
                return null;
            } catch (IllegalStateException expected) {
                return expected;
            }
        }

        @Override
        public Check run(Mode mode, Variant variant, Workload workload) {
            return Check.passed("ran");
        }
    }

    @Test
    void theInfoIsTheClassesConstant() {
        assertThat(new Declared().info()).isSameAs(Declared.INFO);
    }

    @Test
    void aClassWithoutTheConstantIsRefusedNamingWhatItLacks() {
        assertThatThrownBy(Undeclared::new)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Undeclared.class.getName())
                .hasMessageContaining("declares no static final PatternInfo INFO");
    }

    @Test
    void aConstantThatIsNotAStaticPatternInfoIsRefused() {
        assertThatThrownBy(NotStatic::new)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(NotStatic.class.getName() + ".INFO must be static final PatternInfo INFO");
        assertThatThrownBy(OtherType::new)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(OtherType.class.getName() + ".INFO must be static final PatternInfo INFO");
    }

    @Test
    void anInstanceMadeBeforeTheConstantIsAssignedIsRefused() {
        assertThat(MadeTooEarly.REFUSED)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("INFO is null (created during its class's static initialisation?)");
        assertThat(new MadeTooEarly().info()).isSameAs(SOME_INFO);
    }
}

package dev.tidemark.migration.micrometer;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Tidemark's observations, their names and keys. Low-cardinality keys (bounded value sets) reach metrics
 * and traces; high-cardinality ones (a migration's version and script, which grow with every release)
 * reach traces only.
 */
public enum TidemarkObservationDocumentation implements ObservationDocumentation {

    /**
     * A migration run: the startup step, a background reconciliation pass, or a request. Its span is named
     * after the trigger, e.g. {@code tidemark expand} or {@code tidemark reconcile}.
     */
    RUN {

        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultMigrationRunObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return RunKeys.values();
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return RunHighCardinalityKeys.values();
        }

    },

    /**
     * One migration applied within a run, a child of the run's observation; its span is named like
     * {@code tidemark.migration V12 expand}.
     */
    MIGRATION {

        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultMigrationObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return MigrationKeys.values();
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return MigrationHighCardinalityKeys.values();
        }

    };

    /** Low-cardinality keys of {@link #RUN}. */
    public enum RunKeys implements KeyName {

        /** What started the run: {@code startup}, {@code reconcile}, {@code request} or {@code forced}. */
        TRIGGER {
            @Override
            public String asString() {
                return "tidemark.trigger";
            }
        },

        /** {@code success}, {@code skipped} (the migration lock was busy) or {@code failure}; {@code unknown} while running. */
        OUTCOME {
            @Override
            public String asString() {
                return "tidemark.outcome";
            }
        }

    }

    /** High-cardinality keys of {@link #RUN}. */
    public enum RunHighCardinalityKeys implements KeyName {

        /** How many migrations the run applied. */
        APPLIED {
            @Override
            public String asString() {
                return "tidemark.applied";
            }
        },

        /** How many migrations still wait after the run. */
        DEFERRED {
            @Override
            public String asString() {
                return "tidemark.deferred";
            }
        }

    }

    /** Low-cardinality keys of {@link #MIGRATION}. */
    public enum MigrationKeys implements KeyName {

        /** {@code expand}, {@code migrate} or {@code contract}. */
        PHASE {
            @Override
            public String asString() {
                return "tidemark.phase";
            }
        },

        /** {@code success} or {@code failure}; {@code unknown} while running. */
        OUTCOME {
            @Override
            public String asString() {
                return "tidemark.outcome";
            }
        }

    }

    /** High-cardinality keys of {@link #MIGRATION}. */
    public enum MigrationHighCardinalityKeys implements KeyName {

        /** The migration's version, e.g. {@code 12}. */
        VERSION {
            @Override
            public String asString() {
                return "tidemark.migration.version";
            }
        },

        /** The migration's release, e.g. {@code 2.0.0}. */
        RELEASE {
            @Override
            public String asString() {
                return "tidemark.migration.release";
            }
        },

        /** The file or Java class, e.g. {@code 2.0.0/V12__expand__add_full_name.sql}. */
        SCRIPT {
            @Override
            public String asString() {
                return "tidemark.migration.script";
            }
        }

    }

}

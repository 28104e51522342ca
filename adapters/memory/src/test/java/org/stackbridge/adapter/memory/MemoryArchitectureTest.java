package org.stackbridge.adapter.memory;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The adapter's packages depend on each other without cycles (each package, the root included, is one slice). */
class MemoryArchitectureTest {

    @Test
    void noPackageCycles() {
        slices().matching("org.stackbridge.adapter.(**)").should().beFreeOfCycles()
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.stackbridge.adapter.memory"));
    }
}

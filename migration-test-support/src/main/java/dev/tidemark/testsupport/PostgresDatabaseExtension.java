package dev.tidemark.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class its own fresh {@link TestDatabase}, created before the first test and dropped
 * after the last; test methods, constructors and lifecycle methods receive it as a parameter.
 * Use it through {@link WithPostgres}.
 */
public final class PostgresDatabaseExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PostgresDatabaseExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        database(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestDatabase database = context.getStore(NAMESPACE).remove(key(context), TestDatabase.class);
        if (database != null) {
            database.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return database(context);
    }

    private static TestDatabase database(ExtensionContext context) {
        return context.getStore(NAMESPACE).computeIfAbsent(key(context),
                (key) -> PostgresServer.get().createDatabase(context.getRequiredTestClass().getSimpleName()),
                TestDatabase.class);
    }

    private static String key(ExtensionContext context) {
        return context.getRequiredTestClass().getName();
    }

}

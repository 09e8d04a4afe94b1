package dev.tidemark.migration.internal.execute;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A transaction on a connection that is otherwise in autocommit, for try-with-resources: closing it rolls
 * back unless it was committed, and puts autocommit back. Because it is a resource, a failure while
 * closing (the connection died) is attached to the failure that ended the block as a suppressed exception
 * and never replaces it. Not thread-safe.
 */
final class TransactionScope implements AutoCloseable {

    private final Connection connection;

    private boolean committed;

    private TransactionScope(Connection connection) {
        this.connection = connection;
    }

    static TransactionScope begin(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        return new TransactionScope(connection);
    }

    void commit() throws SQLException {
        this.connection.commit();
        this.committed = true;
    }

    @Override
    public void close() throws SQLException {
        try {
            if (!this.committed) {
                this.connection.rollback();
            }
        }
        finally {
            this.connection.setAutoCommit(true);
        }
    }

}

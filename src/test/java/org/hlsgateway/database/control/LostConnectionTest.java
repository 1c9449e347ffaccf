package org.hlsgateway.database.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ResourceAllocationException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientConnectionException;
import org.eclipse.persistence.exceptions.DatabaseException;
import org.junit.jupiter.api.Test;

/**
 * The exceptions a lost database connection produces on Payara (PgJDBC, Payara's pool, EclipseLink, the EJB
 * container) and WildFly (IronJacamar, Hibernate) count as "unavailable" (503), however deep they are wrapped;
 * every other persistence error does not (500, or its own 4xx). PgJDBC's {@code PSQLException} is an
 * {@code SQLException} with the driver's SQL state and message, built here as such (the driver is not on the
 * test class path).
 */
class LostConnectionTest {

    /** As the EJB container and JPA hand them to the gateway: EJBException(PersistenceException(cause)). */
    private static Throwable wrapped(Throwable cause) {
        return new EJBException(new PersistenceException("Exception [EclipseLink-4002]", cause));
    }

    @Test
    void aConnectionClosedByARestartedServerIsUnavailable() {
        // PgJDBC on a pooled connection whose server restarted: PSQLState.CONNECTION_DOES_NOT_EXIST
        assertTrue(LostConnection.in(wrapped(new SQLException("This connection has been closed.", "08003"))));
    }

    @Test
    void aRefusedConnectionIsUnavailable() {
        // PgJDBC while the server is down: PSQLState.CONNECTION_UNABLE_TO_CONNECT
        assertTrue(LostConnection.in(wrapped(new SQLException(
                "Connection to 127.0.0.1:5432 refused. Check that the hostname and port are correct", "08001"))));
    }

    @Test
    void theJdbcConnectionExceptionTypesAreUnavailable() {
        assertTrue(LostConnection.in(wrapped(new SQLTransientConnectionException("timed out"))));
        assertTrue(LostConnection.in(wrapped(new SQLNonTransientConnectionException("gone"))));
    }

    @Test
    void aServerShuttingDownIsUnavailable() {
        assertTrue(LostConnection.in(wrapped(new SQLException(
                "FATAL: terminating connection due to administrator command", "57P01"))));
        assertTrue(LostConnection.in(new SQLException("FATAL: the database system is starting up", "57P03")));
    }

    @Test
    void aPoolThatCannotHandOutAConnectionIsUnavailable() {
        // Payara: "Error in allocating a connection. Cause: In-use connections equal max-pool-size and expired max-wait-time"
        SQLException payara = new SQLException("Error in allocating a connection. Cause: In-use connections equal "
                + "max-pool-size and expired max-wait-time. Cannot allocate more connections.",
                new ResourceAllocationException("expired max-wait-time"));
        assertTrue(LostConnection.in(wrapped(payara)));
        assertTrue(LostConnection.in(wrapped(new ResourceException("Error in allocating a connection. Cause: Connection could not be allocated"))));
        // WildFly (IronJacamar)
        assertTrue(LostConnection.in(wrapped(new SQLException(
                "IJ031084: Unable to create connection", new ResourceException("IJ000453: Unable to get managed connection for java:/jdbc/hlsgateway")))));
    }

    @Test
    void eclipseLinksOwnVerdictOfACommunicationFailureCounts() {
        DatabaseException communication = DatabaseException.sqlException(new SQLException("I/O error"), null, true);
        assertTrue(LostConnection.in(new EJBException(new PersistenceException(communication))));
        DatabaseException other = DatabaseException.sqlException(new SQLException("bad query", "42601"), null, false);
        assertFalse(LostConnection.in(new EJBException(new PersistenceException(other))));
    }

    @Test
    void hibernatesConnectionExceptionCountsByItsName() {
        assertTrue(LostConnection.in(new PersistenceException(new JDBCConnectionException("Unable to acquire JDBC Connection"))));
    }

    @Test
    void theGatewaysOwnOutageExceptionCounts() {
        assertTrue(LostConnection.in(new DatabaseUnavailableException(null)));
    }

    @Test
    void otherPersistenceErrorsAreNotAnOutage() {
        assertFalse(LostConnection.in(wrapped(new SQLIntegrityConstraintViolationException(
                "duplicate key value violates unique constraint", "23505"))));
        assertFalse(LostConnection.in(wrapped(new SQLSyntaxErrorException("syntax error at or near", "42601"))));
        assertFalse(LostConnection.in(new EJBException(new OptimisticLockException("changed meanwhile"))));
        assertFalse(LostConnection.in(new PersistenceException("No transaction is currently active")));
        assertFalse(LostConnection.in(new SQLException("deadlock detected", "40P01")));
        assertFalse(LostConnection.in(new IllegalStateException("unrelated")));
        assertFalse(LostConnection.in(null));
    }

    @Test
    void aCauseChainWithACycleEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertFalse(LostConnection.in(a));
    }

    @Test
    void theNextExceptionOfABatchIsRead() {
        SQLException batch = new SQLException("Batch entry 0 insert into channel was aborted", "08006");
        SQLException head = new SQLException("batch failed", (String) null);
        head.setNextException(batch);
        assertTrue(LostConnection.in(wrapped(head)));
    }

    /** Stands in for {@code org.hibernate.exception.JDBCConnectionException}, matched by its simple name. */
    static final class JDBCConnectionException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JDBCConnectionException(String message) {
            super(message);
        }
    }
}

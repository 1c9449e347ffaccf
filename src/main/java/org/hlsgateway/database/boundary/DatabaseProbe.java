package org.hlsgateway.database.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * One cheap question to the database: a connection from the pool that answers {@link Connection#isValid}
 * within a second. An EJB, so that it is a component call on every server and thread (the readiness
 * check, the scheduler that watches for the database's return); outside any transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseProbe {

    static final int TIMEOUT_SECONDS = 1;
    /** Payara's global name, then WildFly's (the data source of server-config/). */
    private static final String[] NAMES = {"jdbc/hlsgateway", "java:/jdbc/hlsgateway"};
    private static final Logger LOG = Logger.getLogger(DatabaseProbe.class.getName());

    private static volatile DataSource dataSource;

    public boolean answers() {
        try (Connection connection = direct(dataSource()).getConnection()) {
            return connection.isValid(TIMEOUT_SECONDS);
        } catch (SQLException | NamingException | RuntimeException e) {
            LOG.log(Level.FINE, "the database does not answer", e);
            return false;
        }
    }

    /**
     * PostgreSQL's own data source behind the pool where the server hands it out (Payara does), so that a
     * question asked while the database is down is one connection attempt with the driver's timeouts, not a
     * pool allocation that the server logs with a stack trace each time; otherwise the pool's.
     */
    private static DataSource direct(DataSource pooled) {
        for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                pooled.getClass().getClassLoader()}) {
            try {
                Class<?> postgres = Class.forName("org.postgresql.ds.common.BaseDataSource", false, loader);
                if (pooled.isWrapperFor(postgres) && pooled.unwrap(postgres) instanceof DataSource vendor) {
                    return vendor;
                }
            } catch (ClassNotFoundException | SQLException | LinkageError | RuntimeException e) {
                LOG.log(Level.FINEST, "no PostgreSQL data source behind the pool", e);
            }
        }
        return pooled;
    }

    private static DataSource dataSource() throws NamingException {
        DataSource found = dataSource;
        if (found != null) {
            return found;
        }
        NamingException missing = null;
        InitialContext names = new InitialContext();
        for (String name : NAMES) {
            try {
                found = (DataSource) names.lookup(name);
                dataSource = found;
                return found;
            } catch (NamingException e) {
                missing = e;
            }
        }
        throw missing;
    }
}

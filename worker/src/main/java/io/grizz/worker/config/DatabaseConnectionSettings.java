package io.grizz.worker.config;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import org.postgresql.core.Oid;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Connection properties the pool's connections must carry, set before the pool opens its first
 * connection. Kept in one place so that what depends on the pooler is visible at a glance.
 */
public class DatabaseConnectionSettings implements BeanPostProcessor {

    private final PoolerMode poolerMode;

    public DatabaseConnectionSettings(PoolerMode poolerMode) {
        this.poolerMode = poolerMode;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource dataSource) {
            apply(dataSource);
        }
        return bean;
    }

    void apply(HikariDataSource dataSource) {
        // defaults only: a value in DATABASE_URL wins over these
        dataSource.addDataSourceProperty("connectTimeout", "10");
        // a connection that died without a FIN (a pooler or NAT dropping it) must not hang a batch
        // forever; longer than any statement_timeout, so a slow statement fails on the server first
        dataSource.addDataSourceProperty("socketTimeout", "120");
        dataSource.addDataSourceProperty("tcpKeepAlive", "true");
        // the server's DETAIL lines quote row values (message content); keep them out of exceptions and logs
        dataSource.addDataSourceProperty("logServerErrorDetail", "false");
        // uuid[] in binary, which the write path sends its ids in (pgjdbc's own list lacks it)
        dataSource.addDataSourceProperty("binaryTransferEnable", Integer.toString(Oid.UUID_ARRAY));
        if (dataSource.getDataSourceProperties().getProperty("ApplicationName") == null) {
            dataSource.addDataSourceProperty("ApplicationName", "grizz-worker");
        }
        poolerProperties(poolerMode).forEach(dataSource::addDataSourceProperty);
    }

    /**
     * What the pooler in between asks of pgjdbc: behind a transaction-mode pooler, no named
     * server-side statements, since the next transaction may run on another server connection.
     */
    public static Map<String, String> poolerProperties(PoolerMode poolerMode) {
        return poolerMode == PoolerMode.TRANSACTION ? Map.of("prepareThreshold", "0") : Map.of();
    }
}

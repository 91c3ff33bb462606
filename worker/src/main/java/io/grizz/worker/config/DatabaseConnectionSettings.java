package io.grizz.worker.config;

import com.zaxxer.hikari.HikariDataSource;
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
        // the server's DETAIL lines quote row values (message content); keep them out of exceptions and logs
        dataSource.addDataSourceProperty("logServerErrorDetail", "false");
        if (dataSource.getDataSourceProperties().getProperty("ApplicationName") == null) {
            dataSource.addDataSourceProperty("ApplicationName", "grizz-worker");
        }
        if (poolerMode == PoolerMode.TRANSACTION) {
            // no named server-side statements: the next transaction may run on another server connection
            dataSource.addDataSourceProperty("prepareThreshold", "0");
        }
    }
}

import type { CmdbWriter } from '../../../core/cmdb/cmdb.port.js';
import type { DeploymentStore, DeploymentWriter } from '../../../core/release/deployment.port.js';
import type { KyselyCmdbStore } from '../cmdb/cmdb.store.js';
import { CmdbTransaction } from '../cmdb/cmdb.transaction.js';
import { DeploymentRepository } from './deployment.repository.js';

/**
 * Deployments on the CMDB's database (the DeploymentStore port): reads on the connection pool,
 * writes only `within` a CMDB write transaction, on its connection.
 */
export class KyselyDeploymentStore implements DeploymentStore {
  private readonly reads: DeploymentRepository;

  constructor(store: KyselyCmdbStore) {
    this.reads = new DeploymentRepository(store.kysely);
  }

  within(tx: CmdbWriter): DeploymentWriter {
    if (!(tx instanceof CmdbTransaction))
      throw new Error('the deployment store needs a transaction of the Kysely CMDB store');
    return new DeploymentRepository(tx.db);
  }

  readonly listDeployments: DeploymentStore['listDeployments'] = (query) => this.reads.listDeployments(query);
  readonly getDeployment: DeploymentStore['getDeployment'] = (id) => this.reads.getDeployment(id);
  readonly listCurrentDeployments: DeploymentStore['listCurrentDeployments'] = () =>
    this.reads.listCurrentDeployments();
  readonly listPromotionApprovals: DeploymentStore['listPromotionApprovals'] = (releaseId, environment) =>
    this.reads.listPromotionApprovals(releaseId, environment);
}

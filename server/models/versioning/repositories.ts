import type { SqlEntityManager } from '@mikro-orm/sql';
import { AccountRepository } from '../access/account-repository.js';
import { AuditRepository } from '../audit/audit-repository.js';
import { NumberRepository } from '../collaboration/number-repository.js';
import { ProposalRepository } from '../collaboration/proposal-repository.js';
import { ThreadRepository } from '../collaboration/thread-repository.js';
import { AssigneeRepository } from '../collaboration/assignee-repository.js';
import { CommentRepository } from '../collaboration/comment-repository.js';
import { LabelRepository } from '../collaboration/label-repository.js';
import { ReleaseRepository } from '../collaboration/release-repository.js';
import { WebhookRepository } from '../webhooks/webhook-repository.js';
import { CredentialRepository } from '../access/credential-repository.js';
import { IdentityRepository } from '../access/identity-repository.js';
import { MembershipRepository } from '../access/membership-repository.js';
import { SeriesMetadataRepository } from '../dicomweb/series-metadata-repository.js';
import { QidoIndexRepository } from '../qido/index-repository.js';
import { DatasetCommitRepository } from './dataset-commit-repository.js';
import { DatasetRepository } from './dataset-repository.js';
import { FileRepository } from './file-repository.js';
import { GcRepository } from './gc-repository.js';
import { MetadataRepository } from './metadata-repository.js';
import { ObjectRepository } from './object-repository.js';
import { RefRepository } from './ref-repository.js';

/** The repositories of the versioning engine and of access (accounts, grants, credentials), all on one EntityManager (one transaction when it is one). */
export interface VersioningRepositories {
  datasets: DatasetRepository;
  refs: RefRepository;
  objects: ObjectRepository;
  files: FileRepository;
  metadata: MetadataRepository;
  index: QidoIndexRepository;
  seriesMetadata: SeriesMetadataRepository;
  gc: GcRepository;
  datasetCommits: DatasetCommitRepository;
  accounts: AccountRepository;
  memberships: MembershipRepository;
  credentials: CredentialRepository;
  identities: IdentityRepository;
  audit: AuditRepository;
  numbers: NumberRepository;
  threads: ThreadRepository;
  proposals: ProposalRepository;
  labels: LabelRepository;
  assignees: AssigneeRepository;
  comments: CommentRepository;
  releases: ReleaseRepository;
  webhooks: WebhookRepository;
}

/** The EntityManager behind each set of repositories, for what must join their transaction (a job's send). */
const entityManagers = new WeakMap<VersioningRepositories, SqlEntityManager>();

/** The EntityManager (and so the transaction) the repositories run on. */
export function entityManagerOf(repositories: VersioningRepositories): SqlEntityManager | undefined {
  return entityManagers.get(repositories);
}

export function versioningRepositories(em: SqlEntityManager): VersioningRepositories {
  const repositories: VersioningRepositories = {
    datasets: new DatasetRepository(em),
    refs: new RefRepository(em),
    objects: new ObjectRepository(em),
    files: new FileRepository(em),
    metadata: new MetadataRepository(em),
    index: new QidoIndexRepository(em),
    seriesMetadata: new SeriesMetadataRepository(em),
    gc: new GcRepository(em),
    datasetCommits: new DatasetCommitRepository(em),
    accounts: new AccountRepository(em),
    memberships: new MembershipRepository(em),
    credentials: new CredentialRepository(em),
    identities: new IdentityRepository(em),
    audit: new AuditRepository(em),
    numbers: new NumberRepository(em),
    threads: new ThreadRepository(em),
    proposals: new ProposalRepository(em),
    labels: new LabelRepository(em),
    assignees: new AssigneeRepository(em),
    comments: new CommentRepository(em),
    releases: new ReleaseRepository(em),
    webhooks: new WebhookRepository(em),
  };
  entityManagers.set(repositories, em);
  return repositories;
}

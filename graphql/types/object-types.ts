import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { RefKindValue, RoleValue, VisibilityValue } from './scalars-and-enums.js';

@ObjectType({ description: 'Who is asking.' })
export class Viewer {
  @Field(() => Boolean)
  signedIn!: boolean;

  @Field(() => String, { nullable: true, description: 'The signed-in user’s login; null when anonymous.' })
  login!: string | null;

  @Field(() => Boolean)
  siteAdmin!: boolean;
}

@ObjectType({ description: 'A user or an organization, as anyone signed in may see it.' })
export class Account {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  login!: string;

  @Field(() => String, { nullable: true })
  displayName!: string | null;

  @Field(() => Boolean, { description: 'False for an organization.' })
  isUser!: boolean;
}

@ObjectType({ description: 'Connection paging, GitHub style: pass endCursor as `after` for the next page.' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType({ description: 'A name, an email and a time, as recorded in a commit.' })
export class Signature {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  email!: string;

  @Field(() => DateTimeISOResolver)
  time!: Date;
}

@ObjectType({ description: 'A commit: one immutable version of a dataset.' })
export class Commit {
  @Field(() => ID, { description: 'The commit id: SHA-256 of its canonical encoding, 64 hex digits.' })
  id!: string;

  @Field(() => String, { description: 'The first 12 hex digits of the id.' })
  shortId!: string;

  @Field(() => String)
  message!: string;

  @Field(() => Signature)
  author!: Signature;

  @Field(() => Signature)
  committer!: Signature;

  @Field(() => [ID])
  parentIds!: string[];

  @Field(() => ID, { description: 'The root tree id.' })
  treeId!: string;
}

@ObjectType({ description: 'A branch or a tag.' })
export class Ref {
  @Field(() => String)
  name!: string;

  @Field(() => RefKindValue)
  kind!: RefKindValue;

  @Field(() => ID)
  commitId!: string;

  @Field(() => DateTimeISOResolver)
  updatedAt!: Date;
}

@ObjectType({ description: 'A versioned DICOM dataset the viewer can read.' })
export class Dataset {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  owner!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'owner/name' })
  fullName!: string;

  @Field(() => String)
  defaultBranch!: string;

  @Field(() => VisibilityValue)
  visibility!: VisibilityValue;

  @Field(() => DateTimeISOResolver)
  createdAt!: Date;

  @Field(() => RoleValue, { description: 'The viewer’s role on this dataset.' })
  viewerRole!: RoleValue;
}

@ObjectType()
export class DatasetConnection {
  @Field(() => [Dataset])
  nodes!: Dataset[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType()
export class CommitConnection {
  @Field(() => [Commit])
  nodes!: Commit[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType({ description: 'The instances of one series that differ between two versions, by SOP Instance UID.' })
export class SeriesDiff {
  @Field(() => String)
  seriesInstanceUid!: string;

  @Field(() => [String])
  added!: string[];

  @Field(() => [String])
  removed!: string[];

  @Field(() => [String])
  changed!: string[];
}

@ObjectType()
export class StudyDiff {
  @Field(() => String)
  studyInstanceUid!: string;

  @Field(() => [SeriesDiff])
  series!: SeriesDiff[];
}

@ObjectType({ description: 'What differs between two versions of a dataset.' })
export class Diff {
  @Field(() => ID)
  fromId!: string;

  @Field(() => ID)
  toId!: string;

  @Field(() => Int)
  added!: number;

  @Field(() => Int)
  removed!: number;

  @Field(() => Int)
  changed!: number;

  @Field(() => [StudyDiff])
  studies!: StudyDiff[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ID, ID_MESSAGE, SHA256, OffsetTime } from '../platform/http/wire-formats.js';

export class CandidateDto {
  @ApiProperty({ example: 'C1' })
  @Matches(ID, { message: ID_MESSAGE })
  candidateId: string;

  @ApiProperty({ example: '张伟' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ example: 'O00017', description: 'the candidate must be a registered owner of the community' })
  @Matches(ID, { message: ID_MESSAGE })
  ownerId: string;
}

export class DraftElectionDto {
  @ApiProperty({ example: '第一届业主委员会选举' })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({
    example: 7,
    description:
      'members to elect: odd, at least 5 (3 where the community has at most 100 households) — DOMAIN.md rule 14',
  })
  @IsInt()
  @Min(1)
  @Max(51)
  seats: number;

  @ApiPropertyOptional({
    example: 2,
    description: 'alternate places (候补委员), filled by the next passing candidates; no more than seats',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(51)
  alternates?: number;

  @ApiPropertyOptional({
    example: 5,
    description:
      "the committee's term in years, from the election's close; at most the rulebook's (5: DOMAIN.md rule 14), which is also the default",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  termYears?: number;

  @ApiPropertyOptional({
    example: false,
    description:
      "rule 29: a by-election (补选) of exactly the committee's empty seats, due when it fell below its lawful size or to an even number with no alternate; its members serve the rest of the committee's term (termYears is not given)",
  })
  @IsOptional()
  @IsBoolean()
  byElection?: boolean;

  @ApiProperty({ type: [CandidateDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CandidateDto)
  candidates: CandidateDto[];

  @ApiProperty({ example: '2026-02-01T09:00:00+08:00' })
  @OffsetTime('2026-02-01T09:00:00+08:00')
  opensAt: string;

  @ApiProperty({ example: '2026-02-15T18:00:00+08:00' })
  @OffsetTime('2026-02-15T18:00:00+08:00')
  closesAt: string;
}

export class ElectionBallotDto {
  @ApiProperty({
    example: ['C1', 'C2'],
    description: 'the candidates you approve, at most the number of seats; [] takes part approving nobody',
  })
  @IsArray()
  @ArrayMaxSize(51)
  @Matches(ID, { each: true, message: ID_MESSAGE })
  selections: string[];

  @ApiPropertyOptional({ description: 'only when your account stands for several owners: which one votes' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  ownerId?: string;
}

export class PaperElectionBallotDto {
  @ApiProperty({ example: 'O00017' })
  @IsString()
  @Length(1, 64)
  ownerId: string;

  @ApiProperty({ example: ['C1', 'C2'] })
  @IsArray()
  @ArrayMaxSize(51)
  @Matches(ID, { each: true, message: ID_MESSAGE })
  selections: string[];

  @ApiProperty({ description: 'SHA-256 of the scanned paper, 64 lowercase hex digits' })
  @Matches(SHA256, { message: 'evidenceSha256 must be 64 lowercase hex digits (the SHA-256 of the scan)' })
  evidenceSha256: string;
}

export class FilingDto {
  @ApiProperty({ description: 'the closed election whose quorum record the street office reviewed' })
  @IsString()
  @Length(1, 64)
  electionId: string;

  @ApiProperty({
    description:
      'the closeEventId of the quorum record reviewed (GET …/elections/{eid}/quorum-record): a decision on an older or another record is refused',
  })
  @IsUUID('all', {
    message: "closeEventId must be the UUID of the election's close event, as its quorum record gives it",
  })
  closeEventId: string;

  @ApiProperty({ enum: ['FILED', 'REFUSED'] })
  @IsIn(['FILED', 'REFUSED'])
  decision: 'FILED' | 'REFUSED';

  @ApiPropertyOptional({ description: 'required when REFUSED' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}

export class ResignationDto {
  @ApiPropertyOptional({
    example: 'O00017',
    description:
      "the owner id of the member who resigns: the caller's own (rule 29: a member resigns only themself); absent: the caller's",
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  ownerId?: string;
}

export class RemovalRecordDto {
  @ApiProperty({ description: 'the passed ELECT_COMMITTEE resolution whose draft names the member to remove' })
  @IsString()
  @Length(1, 64)
  resolutionId: string;
}

export class DistrictQueryDto {
  @ApiPropertyOptional({ example: '海淀区' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  district?: string;

  @ApiPropertyOptional({ example: '北太平庄街道', description: 'rule 31: only the communities of this street' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  street?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\d{1,20}$/, { message: 'after must be a position: digits only, as a write answered it' })
  after?: string;
}

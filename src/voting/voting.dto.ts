import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MATTERS } from '@gongzhi/domain/governance/rulebooks.js';
import { CHOICES } from '@gongzhi/domain/governance/quorum.js';
import { SHA256, OffsetTime, YUAN } from '../platform/http/wire-formats.js';

/** Who bears a cost from the maintenance fund (DOMAIN.md rule 20): a vote's budget and the withdrawal under it name them alike. */
export class BearersDto {
  @ApiPropertyOptional({ example: ['5-101'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10000)
  @IsString({ each: true })
  units?: string[];

  @ApiPropertyOptional({ example: ['5'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  buildings?: string[];
}

export class BudgetDto extends BearersDto {
  @ApiProperty({ example: '700000.00', description: 'yuan, a decimal string with at most two decimals' })
  @IsString()
  @Matches(YUAN, { message: 'amount must be a decimal string in yuan with at most two decimals, like "700000.00"' })
  amount: string;

  @ApiProperty({ enum: ['PUBLIC_REVENUE', 'MAINTENANCE_FUND'] })
  @IsIn(['PUBLIC_REVENUE', 'MAINTENANCE_FUND'])
  fund: 'PUBLIC_REVENUE' | 'MAINTENANCE_FUND';
}

/** Rule 27: what a management covenant lets the committee spend without a vote, adopted with the covenant. */
export class CovenantCapsDto {
  @ApiProperty({ example: '5000.00', description: 'yuan: the most one item paid under the covenant may cost' })
  @IsString()
  @Matches(YUAN, {
    message: 'covenant.perItemCap must be a decimal string in yuan with at most two decimals, like "5000.00"',
  })
  perItemCap: string;

  @ApiProperty({
    example: '50000.00',
    description: 'yuan: the most paid under the covenant in one calendar year (Beijing time)',
  })
  @IsString()
  @Matches(YUAN, {
    message: 'covenant.yearlyCap must be a decimal string in yuan with at most two decimals, like "50000.00"',
  })
  yearlyCap: string;
}

export class MenuOptionDto {
  @ApiProperty({ example: 'cleaning', description: '1–40 letters, digits, "-" or "_"' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'optionId must be 1–40 letters, digits, "-" or "_"' })
  optionId: string;

  @ApiProperty({ example: '每日保洁' })
  @IsString()
  @Length(1, 100)
  label: string;
}

/** A ranking, most preferred first: some of the vote's option ids, each once. */
const RANKING_DOC = {
  example: ['cleaning', 'parking'],
  description: "a menu vote's options, most preferred first (SERVICE_MENU, SURVEY with options)",
};

export class RemovalDto {
  @ApiProperty({ example: 'O00017', description: 'the owner id of the committee member to remove' })
  @IsString()
  @Length(1, 64)
  ownerId: string;
}

export class DraftResolutionDto {
  @ApiProperty({ example: '更换小区围栏' })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ example: '以公共收益支付新围栏，预算 70 万元' })
  @IsString()
  @Length(0, 10000)
  description: string;

  @ApiProperty({ enum: MATTERS })
  @IsIn(MATTERS, { message: `matter must be one of ${MATTERS.join(', ')}` })
  matter: string;

  @ApiProperty({ example: '2026-02-01T09:00:00+08:00' })
  @OffsetTime('2026-02-01T09:00:00+08:00')
  opensAt: string;

  @ApiProperty({ example: '2026-02-15T18:00:00+08:00' })
  @OffsetTime('2026-02-15T18:00:00+08:00')
  closesAt: string;

  @ApiPropertyOptional({ type: BudgetDto, description: 'for a matter that spends money' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BudgetDto)
  budget?: BudgetDto;

  @ApiPropertyOptional({
    type: CovenantCapsDto,
    description: 'MANAGEMENT_COVENANT only: the caps the covenant delegates to the committee (rule 27)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CovenantCapsDto)
  covenant?: CovenantCapsDto;

  @ApiPropertyOptional({
    type: [MenuOptionDto],
    description: 'SERVICE_MENU or SURVEY only: 2–20 options the owners rank (SCENARIOS.md 5)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => MenuOptionDto)
  options?: MenuOptionDto[];

  @ApiPropertyOptional({
    type: RemovalDto,
    description:
      'rule 29 (罢免): an ELECT_COMMITTEE vote to remove this committee member; passed, POST …/committee/removals records it',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => RemovalDto)
  removal?: RemovalDto;
}

export class BallotDto {
  @ApiPropertyOptional({
    enum: CHOICES,
    description: 'required, except on a menu vote, where a ranking stands for FOR',
  })
  @IsOptional()
  @IsIn(CHOICES, { message: `choice must be one of ${CHOICES.join(', ')}` })
  choice?: string;

  @ApiPropertyOptional(RANKING_DOC)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  ranking?: string[];

  @ApiPropertyOptional({ description: 'vote as the proxy of this owner (who authorised you)' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  onBehalfOf?: string;

  @ApiPropertyOptional({ description: 'only when your account stands for several owners: which one votes' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  ownerId?: string;
}

export class PaperBallotDto {
  @ApiProperty({ example: 'O00017' })
  @IsString()
  @Length(1, 64)
  ownerId: string;

  @ApiPropertyOptional({
    enum: CHOICES,
    description: 'required, except on a menu vote, where a ranking stands for FOR',
  })
  @IsOptional()
  @IsIn(CHOICES, { message: `choice must be one of ${CHOICES.join(', ')}` })
  choice?: string;

  @ApiPropertyOptional(RANKING_DOC)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  ranking?: string[];

  @ApiProperty({ description: 'SHA-256 of the scanned paper, 64 lowercase hex digits' })
  @Matches(SHA256, { message: 'evidenceSha256 must be 64 lowercase hex digits (the SHA-256 of the scan)' })
  evidenceSha256: string;

  @ApiPropertyOptional({ description: 'true when a proxy named on paper signed it for the owner' })
  @IsOptional()
  @IsBoolean()
  proxy?: boolean;
}

export class ProxyDto {
  @ApiPropertyOptional({ description: 'an owner of this community who will vote for you online' })
  @ValidateIf((o: ProxyDto) => o.proxyName === undefined)
  @IsString()
  @Length(1, 64)
  proxyOwnerId?: string;

  @ApiPropertyOptional({
    description: 'someone who is not an owner here; their paper ballot is entered by the committee',
  })
  @ValidateIf((o: ProxyDto) => o.proxyOwnerId === undefined)
  @IsString()
  @Length(1, 100)
  proxyName?: string;

  @ApiProperty({ description: 'SHA-256 of the written authorisation, 64 lowercase hex digits' })
  @IsOptional()
  @Matches(SHA256, {
    message: 'evidenceSha256 must be 64 lowercase hex digits (the SHA-256 of the signed authorisation)',
  })
  evidenceSha256?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 64)
  ownerId?: string;
}

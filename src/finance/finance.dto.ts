import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { INCOME_SOURCES } from '@gongzhi/domain/finance/accounts.js';
import { AUDIT_OPINIONS } from '@gongzhi/domain/finance/statement.events.js';
import { ReadQueryDto } from '../platform/http/read-after.js';
import { BearersDto } from '../voting/voting.dto.js';
import { SHA256, WITH_OFFSET, YUAN } from '../platform/http/wire-formats.js';

const YUAN_MESSAGE = 'amount must be a decimal string in yuan with at most two decimals, like "700000.00"';
/** The ids money routes name: entries, and resolutions by their server-made UUIDs. */
const ID = /^[\w.:-]{1,64}$/;
/** How the ledgers name their entries (the read model's `kind`). */
const ENTRY_KINDS = ['INCOME', 'EXPENSE', 'DEPOSIT', 'WITHDRAWAL', 'TOP_UP', 'TRANSFER', 'REVERSAL'];

export class IncomeDto {
  @ApiProperty({ example: '166666.67', description: 'yuan, a decimal string with at most two decimals' })
  @IsString({ message: YUAN_MESSAGE })
  @Matches(YUAN, { message: YUAN_MESSAGE })
  amount: string;

  @ApiProperty({ enum: INCOME_SOURCES })
  @IsIn(INCOME_SOURCES, { message: `source must be one of ${INCOME_SOURCES.join(', ')}` })
  source: string;

  @ApiProperty({ example: '2026年1月停车费' })
  @IsString()
  @Length(1, 1000)
  description: string;

  @ApiProperty({ example: '2026-01-31T18:00:00+08:00' })
  @Matches(WITH_OFFSET, {
    message: 'receivedAt must be an RFC 3339 time with an offset, like 2026-01-31T18:00:00+08:00',
  })
  @IsISO8601({ strict: true }, { message: 'receivedAt is not a real date and time' })
  receivedAt: string;

  @ApiPropertyOptional({ description: 'SHA-256 of the bank slip or receipt, 64 lowercase hex digits' })
  @IsOptional()
  @Matches(SHA256, { message: 'evidenceSha256 must be 64 lowercase hex digits' })
  evidenceSha256?: string;
}

export class ExpenseDto {
  @ApiProperty({ example: '400000.00' })
  @IsString({ message: YUAN_MESSAGE })
  @Matches(YUAN, { message: YUAN_MESSAGE })
  amount: string;

  @ApiProperty({ example: '北京某围栏工程有限公司' })
  @IsString()
  @Length(1, 200)
  payee: string;

  @ApiProperty({ example: '新围栏第一期款' })
  @IsString()
  @Length(1, 1000)
  purpose: string;

  @ApiPropertyOptional({
    description: 'the PASSED resolution whose public-revenue budget covers this; or underCovenant',
  })
  @IsOptional()
  @Matches(ID, { message: 'resolutionId must be a resolution id' })
  resolutionId?: string;

  @ApiPropertyOptional({
    description: "true: paid under the management covenant's delegation, within its per-item and yearly caps",
  })
  @IsOptional()
  @IsIn([true], { message: 'underCovenant, when given, must be true' })
  underCovenant?: boolean;

  @ApiProperty({ example: '2026-05-01T10:00:00+08:00' })
  @Matches(WITH_OFFSET, { message: 'paidAt must be an RFC 3339 time with an offset' })
  @IsISO8601({ strict: true }, { message: 'paidAt is not a real date and time' })
  paidAt: string;

  @ApiPropertyOptional({ description: 'SHA-256 of the invoice (发票), 64 lowercase hex digits' })
  @IsOptional()
  @Matches(SHA256, { message: 'invoiceSha256 must be 64 lowercase hex digits' })
  invoiceSha256?: string;
}

export class CovenantDelegationDto {
  @ApiProperty({ description: 'the PASSED MANAGEMENT_COVENANT resolution whose adopted caps go into force' })
  @Matches(ID, { message: 'resolutionId must be a resolution id' })
  resolutionId: string;

  /** Accepted by the whitelist only to be refused with CAPS_ADOPTED_BY_OWNERS: the owners set the caps (rule 27). */
  @IsOptional()
  perItemCap?: unknown;

  @IsOptional()
  yearlyCap?: unknown;
}

export class DepositDto {
  @ApiProperty({ example: '5-101' })
  @IsString()
  @Length(1, 64)
  unitId: string;

  @ApiProperty({ example: '8937.00' })
  @IsString({ message: YUAN_MESSAGE })
  @Matches(YUAN, { message: YUAN_MESSAGE })
  amount: string;

  @ApiProperty({ example: '2026-01-10T10:00:00+08:00' })
  @Matches(WITH_OFFSET, { message: 'depositedAt must be an RFC 3339 time with an offset' })
  @IsISO8601({ strict: true }, { message: 'depositedAt is not a real date and time' })
  depositedAt: string;
}

export class TopUpDto {
  @ApiProperty({ example: '205.67', description: 'yuan moved from public revenue into the fund, at most what is due' })
  @IsString({ message: YUAN_MESSAGE })
  @Matches(YUAN, { message: YUAN_MESSAGE })
  amount: string;

  @ApiProperty({ example: '2026-06-02T10:00:00+08:00' })
  @Matches(WITH_OFFSET, { message: 'transferredAt must be an RFC 3339 time with an offset' })
  @IsISO8601({ strict: true }, { message: 'transferredAt is not a real date and time' })
  transferredAt: string;
}

export class EmergencyDto {
  @ApiProperty({ example: '3号楼电梯停在两层之间，困人' })
  @IsString()
  @Length(1, 1000)
  reason: string;

  @ApiProperty({ description: 'SHA-256 of the evidence (inspection report, photos), 64 lowercase hex digits' })
  @Matches(SHA256, { message: 'emergency.evidenceSha256 must be 64 lowercase hex digits' })
  evidenceSha256: string;
}

export class WithdrawalDto extends BearersDto {
  @ApiProperty({ example: '120000.00' })
  @IsString({ message: YUAN_MESSAGE })
  @Matches(YUAN, { message: YUAN_MESSAGE })
  amount: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  payee: string;

  @ApiProperty()
  @IsString()
  @Length(1, 1000)
  purpose: string;

  @ApiPropertyOptional({ description: 'a PASSED USE_MAINTENANCE_FUND resolution; or give emergency instead' })
  @IsOptional()
  @Matches(ID, { message: 'resolutionId must be a resolution id' })
  resolutionId?: string;

  @ApiPropertyOptional({ type: EmergencyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => EmergencyDto)
  emergency?: EmergencyDto;

  @ApiProperty({ example: '2026-06-01T10:00:00+08:00' })
  @Matches(WITH_OFFSET, { message: 'paidAt must be an RFC 3339 time with an offset' })
  @IsISO8601({ strict: true }, { message: 'paidAt is not a real date and time' })
  paidAt: string;
}

export class ReversalDto {
  @ApiProperty({ example: '重复录入' })
  @IsString()
  @Length(1, 1000)
  reason: string;

  @ApiPropertyOptional({
    example: '2026-06-02T10:00:00+08:00',
    description: 'optional; a reversal is dated when it is made, so only today (Beijing time) is accepted (rule 26)',
  })
  @IsOptional()
  @Matches(WITH_OFFSET, { message: 'reversedAt must be an RFC 3339 time with an offset' })
  @IsISO8601({ strict: true }, { message: 'reversedAt is not a real date and time' })
  reversedAt?: string;
}

export class StatementDto {
  @ApiProperty({ enum: ['PUBLIC_REVENUE', 'MAINTENANCE_FUND'] })
  @IsIn(['PUBLIC_REVENUE', 'MAINTENANCE_FUND'])
  fund: 'PUBLIC_REVENUE' | 'MAINTENANCE_FUND';

  @ApiProperty({ example: '2026-01-01T00:00:00+08:00', description: 'inclusive' })
  @Matches(WITH_OFFSET, { message: 'periodStart must be an RFC 3339 time with an offset' })
  @IsISO8601({ strict: true }, { message: 'periodStart is not a real date and time' })
  periodStart: string;

  @ApiProperty({ example: '2026-04-01T00:00:00+08:00', description: 'exclusive' })
  @Matches(WITH_OFFSET, { message: 'periodEnd must be an RFC 3339 time with an offset' })
  @IsISO8601({ strict: true }, { message: 'periodEnd is not a real date and time' })
  periodEnd: string;
}

export class AuditDto {
  @ApiProperty({ enum: AUDIT_OPINIONS })
  @IsIn(AUDIT_OPINIONS, { message: `opinion must be one of ${AUDIT_OPINIONS.join(', ')}` })
  opinion: string;

  @ApiProperty({ description: 'SHA-256 of the audit report, 64 lowercase hex digits' })
  @Matches(SHA256, { message: 'reportSha256 must be 64 lowercase hex digits' })
  reportSha256: string;
}

export class LedgerQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ description: 'entries on or after this time' })
  @IsOptional()
  @Matches(WITH_OFFSET, { message: 'from must be an RFC 3339 time with an offset' })
  @IsISO8601({ strict: true }, { message: 'from is not a real date and time' })
  from?: string;

  @ApiPropertyOptional({ description: 'entries before this time' })
  @IsOptional()
  @Matches(WITH_OFFSET, { message: 'to must be an RFC 3339 time with an offset' })
  @IsISO8601({ strict: true }, { message: 'to is not a real date and time' })
  to?: string;

  @ApiPropertyOptional({ enum: INCOME_SOURCES })
  @IsOptional()
  @IsIn(INCOME_SOURCES, { message: `source must be one of ${INCOME_SOURCES.join(', ')}` })
  source?: string;

  @ApiPropertyOptional({ description: 'expenses whose purpose contains these words (case aside)', example: '围栏' })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'purpose must be 1 to 100 characters' })
  purpose?: string;

  @ApiPropertyOptional({ description: 'entries under this resolution (or, for covenant spending, the covenant vote)' })
  @IsOptional()
  @Matches(ID, { message: 'resolutionId must be a resolution id' })
  resolutionId?: string;

  @ApiPropertyOptional({ enum: ENTRY_KINDS })
  @IsOptional()
  @IsIn(ENTRY_KINDS, { message: `kind must be one of ${ENTRY_KINDS.join(', ')}` })
  kind?: string;

  @ApiPropertyOptional({ description: '1–500, default 100' })
  @IsOptional()
  @Matches(/^([1-9]\d{0,1}|[1-4]\d\d|500)$/, { message: 'limit must be a whole number from 1 to 500' })
  limit?: string;

  @ApiPropertyOptional({ description: 'default 0' })
  @IsOptional()
  @Matches(/^\d{1,9}$/, { message: 'offset must be a whole number' })
  offset?: string;
}

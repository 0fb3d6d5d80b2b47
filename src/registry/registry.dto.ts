import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { AREA_SOURCES, type AreaSource } from '@gongzhi/domain/registry/community.events.js';
import { RULEBOOKS } from '@gongzhi/domain/governance/rulebooks.js';
import { ID, ID_MESSAGE } from '../platform/http/wire-formats.js';

/** API.md: areas are decimal strings with at most two decimals. */
export const AREA = /^\d{1,7}(\.\d{1,2})?$/;
export const RFC3339 = { strict: true, strictSeparator: true } as const;

export class RegisterCommunityDto {
  @ApiProperty({ example: '龙泽苑' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: '昌平区' })
  @IsString()
  @Length(1, 100)
  district: string;

  @ApiPropertyOptional({ example: '回龙观街道' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  street?: string;

  @ApiProperty({ enum: RULEBOOKS.map((r) => r.id), example: 'CN-BEIJING-2020' })
  @IsIn(RULEBOOKS.map((r) => r.id), { message: `rulebook must be one of ${RULEBOOKS.map((r) => r.id).join(', ')}` })
  rulebook: string;
}

export class MemberDto {
  @ApiProperty({ example: '王建国' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({
    example: 'wang.jianguo',
    description: 'the login the member is expected to choose; keys the activation codes',
  })
  @IsString()
  @Matches(/^[\w.@-]{3,64}$/, { message: 'login must be 3–64 letters, digits, ".", "-", "_" or "@"' })
  login: string;

  @ApiPropertyOptional({
    enum: ['CHAIR_RESIDENTS_COMMITTEE', 'OWNER_REPRESENTATIVE', 'OTHER'],
    description:
      "required for every member of a PMC (DOMAIN.md rule 17): one chair from the residents' committee, owner representatives at least half",
  })
  @IsOptional()
  @IsIn(['CHAIR_RESIDENTS_COMMITTEE', 'OWNER_REPRESENTATIVE', 'OTHER'])
  role?: 'CHAIR_RESIDENTS_COMMITTEE' | 'OWNER_REPRESENTATIVE' | 'OTHER';
}

export class AppointManagingBodyDto {
  @ApiProperty({ enum: ['PREPARATORY_GROUP', 'PMC'] })
  @IsIn(['PREPARATORY_GROUP', 'PMC'])
  kind: 'PREPARATORY_GROUP' | 'PMC';

  @ApiProperty({ type: [MemberDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(51)
  @ValidateNested({ each: true })
  @Type(() => MemberDto)
  members: MemberDto[];
}

export class OwnerDto {
  @ApiProperty({ example: 'O00017' })
  @Matches(ID, { message: ID_MESSAGE })
  ownerId: string;

  @ApiProperty({ example: '张伟' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: ['PERSON', 'DEVELOPER', 'ORGANISATION'] })
  @IsIn(['PERSON', 'DEVELOPER', 'ORGANISATION'])
  kind: 'PERSON' | 'DEVELOPER' | 'ORGANISATION';
}

export class UnitDto {
  @ApiProperty({ example: '3-2-501' })
  @Matches(ID, { message: ID_MESSAGE })
  unitId: string;

  @ApiProperty({ example: '3' })
  @IsString()
  @Length(1, 64)
  building: string;

  @ApiProperty({ example: '89.37', description: 'registered area in m², a decimal string with at most two decimals' })
  @IsString()
  @Matches(AREA, { message: 'areaM2 must be a decimal string in m² with at most two decimals, like "89.37"' })
  areaM2: string;

  @ApiPropertyOptional({
    enum: AREA_SOURCES,
    description: 'where areaM2 comes from (DOMAIN.md rule 1); default REGISTERED',
  })
  @IsOptional()
  @IsIn(AREA_SOURCES)
  areaSource?: AreaSource;

  @ApiProperty({ example: ['O00017', 'O00018'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(ID, { each: true, message: ID_MESSAGE })
  ownerIds: string[];

  @ApiPropertyOptional({ example: 'O00017', description: 'required for a co-owned unit: who votes for it' })
  @IsOptional()
  @Matches(ID, { message: ID_MESSAGE })
  representativeId?: string;
}

export class TransferUnitDto {
  @ApiProperty({ example: ['O00999'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(ID, { each: true, message: ID_MESSAGE })
  ownerIds: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID, { message: ID_MESSAGE })
  representativeId?: string;

  @ApiProperty({ example: '2026-03-01T00:00:00+08:00' })
  @IsISO8601(RFC3339, { message: 'effectiveAt must be an RFC 3339 time with an offset' })
  @Matches(/(Z|[+-]\d\d:\d\d)$/, { message: 'effectiveAt must carry an offset, like +08:00' })
  effectiveAt: string;
}

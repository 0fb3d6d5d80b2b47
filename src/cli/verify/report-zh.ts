import type { ReportStrings } from './report-language.js';
import { sayerOf } from './say-forms.js';

/**
 * Every form a finding, a note, a re-derived figure or a reason takes in English, and how it reads in
 * Chinese, for the street office's clerk who runs `gongzhi verify`. `{x}` is carried over as found (an
 * id, a hash, a count, an amount); `{*x}` is itself a finding's part and is said in Chinese in turn.
 * Forms are tried in order, the whole text against each; the first that matches says it.
 */
const FORMS: [string, string][] = [
  // The log: the bundle, its key, its leaves and checkpoints (log-checker.ts, verify-bundle.ts).
  ['format {a} version {b}; this verifier reads {c} version {d}', '格式 {a} 版本 {b}；本核验程序只读 {c} 版本 {d}'],
  ["the header's publicKey is not a public key PEM", '文件头中的 publicKey 不是 PEM 格式的公钥'],
  ["the header's key fingerprint {a} is not its key's ({b})", '文件头中的密钥指纹 {a} 与其密钥本身的指纹（{b}）不符'],
  [
    "key not pinned: the bundle's checkpoints are signed by key {a}, which the bundle names itself, and anyone can sign a bundle with a key of their own; give --key with the fingerprint of GET /log/public-key as published where you trust it",
    '未指定密钥：数据包的检查点由密钥 {a} 签名，而这个密钥是数据包自己声明的，任何人都能用自己的密钥签一个数据包；请用 --key 给出从您信任的渠道得到的 GET /log/public-key 指纹',
  ],
  [
    "the bundle's key cannot be read, so nothing in it is signed by the key you pinned, {a}",
    '数据包的密钥无法读取，因此其中没有任何内容是由您指定的密钥 {a} 签名的',
  ],
  ['signed by key {a}, but you pinned {b}', '由密钥 {a} 签名，但您指定的密钥是 {b}'],
  [
    'leaf index {a} where {b} comes next: a leaf is missing or out of place',
    '叶子序号为 {a}，而下一个应为 {b}：缺少叶子或叶子位置错乱',
  ],
  ['the checkpoint is of community {a}, not {b}', '该检查点属于小区 {a}，而不是 {b}'],
  [
    'the signature does not hold under the published key {a} (the checkpoint names key {b}): the checkpoint was altered or not signed by this log',
    '签名在公布的密钥 {a} 下不成立（检查点声明的密钥是 {b}）：检查点被改动过，或不是本日志签的',
  ],
  [
    'the signature does not hold under the published key {a}: the checkpoint was altered or not signed by this log',
    '签名在公布的密钥 {a} 下不成立：检查点被改动过，或不是本日志签的',
  ],
  [
    'the checkpoint of {a} leaves follows one of {b}: the signed log did not grow',
    '{a} 个叶子的检查点排在 {b} 个叶子的检查点之后：已签名的日志没有增长',
  ],
  [
    'its consistency proof does not show the tree of {a} leaves (root {b}) as a prefix of this one (root {c}): the log was rewritten between them',
    '其一致性证明不能说明 {a} 个叶子的树（根哈希 {b}）是本树（根哈希 {c}）的前缀：两者之间日志被改写过',
  ],
  [
    'the checkpoint covers {a} leaves but the bundle holds {b} events',
    '检查点覆盖 {a} 个叶子，但数据包只有 {b} 个事件',
  ],
  [
    "the bundle's first {a} events give root {b}, the signed checkpoint says {c}; the first event that differs from the log is {*d}",
    '数据包前 {a} 个事件得出的根哈希是 {b}，已签名的检查点写的却是 {c}；第一个与日志不符的事件是 {d}',
  ],
  [
    "the bundle's first {a} events give root {b}, the signed checkpoint says {c}",
    '数据包前 {a} 个事件得出的根哈希是 {b}，已签名的检查点写的却是 {c}',
  ],
  [
    "it carries a cosignature in the name of witness {a} that does not hold under that witness's key: it was forged or altered",
    '其中有一个以见证方 {a} 名义的联署，在该见证方的密钥下不成立：是伪造的或被改动过',
  ],
  [
    'the end line counts {a} events and {b} checkpoints; the bundle holds {c} and {d}',
    '结束行记载 {a} 个事件、{b} 个检查点；数据包实际有 {c} 个事件、{d} 个检查点',
  ],
  ['no header line: this is not a Gongzhi export bundle', '没有文件头行：这不是共治导出的数据包'],
  ['the bundle stops before its end line: the download is incomplete', '数据包在结束行之前就断了：下载不完整'],
  ['the header announces {a} events; the bundle holds {b}', '文件头声明有 {a} 个事件；数据包实际有 {b} 个'],
  ['the bundle holds no event: there is nothing signed to verify', '数据包中没有事件：没有已签名的内容可以核验'],
  [
    'the bundle holds no checkpoint: none of its {a} events is covered by a signature',
    '数据包中没有检查点：其 {a} 个事件都没有签名覆盖',
  ],
  ['none of its {a} events is covered by a checkpoint signed by {*b}', '其 {a} 个事件都不在由{b}签名的检查点之下'],
  [
    'none of its {a} events is covered: no checkpoint that holds is signed by {*b}',
    '其 {a} 个事件都没有被覆盖：没有一个成立的检查点是由{b}签名的',
  ],
  [
    '{a} event(s), leaves {b} to {c}, come after the last checkpoint that holds ({d} leaves, signed by {*e}): no signature covers them, so whoever wrote the bundle could have written them',
    '有 {a} 个事件（叶子 {b} 至 {c}）位于最后一个成立的检查点（{d} 个叶子，由{e}签名）之后：没有签名覆盖它们，可能是制作数据包的人自己写进去的',
  ],
  ['the pinned key {a} and cosigned by {b} of the named witnesses', '您指定的密钥 {a}（并要求 {b} 个指定见证方联署）'],
  ['the pinned key {a}', '您指定的密钥 {a} '],
  [
    "the bundle's own key {a} and cosigned by {b} of the named witnesses",
    '数据包自带的密钥 {a}（并要求 {b} 个指定见证方联署）',
  ],
  ["the bundle's own key {a}", '数据包自带的密钥 {a} '],
  [
    'the last checkpoint (root {a}, {b}) is cosigned by {c} of the named witnesses ({d}), {e}; {f} required: no street office vouches for this history as the log showed it to them',
    '最后一个检查点（根哈希 {a}，{b}）只有指定见证方（{d}）中的 {c} 个联署：{e}；要求 {f} 个：没有街道办事处为日志向其展示的这段历史作保',
  ],
  [
    'the last checkpoint (root {a}, {b}) is cosigned by {c} of the named witnesses ({d}); {e} required: no street office vouches for this history as the log showed it to them',
    '最后一个检查点（根哈希 {a}，{b}）只有指定见证方（{d}）中的 {c} 个联署；要求 {e} 个：没有街道办事处为日志向其展示的这段历史作保',
  ],
  ['the event cannot be hashed: {*a}', '该事件无法计算哈希：{a}'],
  [
    'the event hashes to {a}, but the log recorded leaf {b}: the event was changed after it was logged',
    '该事件的哈希是 {a}，但日志记录的叶子是 {b}：该事件在记入日志之后被改动过',
  ],
  ['position {a} is not a number', '位置 {a} 不是数字'],
  [
    'position {a} is not after position {b} of the leaf before it ({*c}): the events were reordered',
    '位置 {a} 不在前一个叶子（{c}）的位置 {b} 之后：事件顺序被调换过',
  ],
  ['the event belongs to community {a}, not {b}', '该事件属于小区 {a}，而不是 {b}'],
  [
    'the log recorded this event, but the event store no longer holds it: it was deleted or moved',
    '日志记录过这个事件，但事件库里已经没有它了：它被删除或移走了',
  ],
  ["the stream's first event in the log has revision {a}, not 0", '该事件流在日志中的第一个事件版本号是 {a}，而不是 0'],
  [
    'revision {a} follows revision {b} of the same stream: its events were reordered or one is missing',
    '版本 {a} 紧接在同一事件流的版本 {b} 之后：事件顺序被调换过，或缺了一个事件',
  ],
  ['a record before the header line', '文件头行之前出现了记录'],
  ['an event after the checkpoints: the bundle is out of order', '检查点之后出现了事件：数据包顺序错乱'],
  ['a second header line: this is not one bundle', '出现第二个文件头行：这不是同一个数据包'],
  ['the line is not a JSON object', '这一行不是 JSON 对象'],
  ['unknown record {a}', '未知的记录类型 {a}'],
  ['the event cannot be read as a {a}: {*b}', '该事件无法作为 {a} 读取：{b}'],
  ['the bundle cannot be read to its end: {a}', '数据包无法读到结尾：{a}'],
  // Signed notes (checkpoint-notes.ts).
  [
    "the bundle names no vkey to check its checkpoints' signed notes with",
    '数据包没有给出用来核验检查点签名便笺的 vkey',
  ],
  ["the header's vkey is not an Ed25519 note key (type 0x01)", '文件头中的 vkey 不是 Ed25519 便笺密钥（类型 0x01）'],
  ["the header's vkey is not the key of its publicKey", '文件头中的 vkey 不是其 publicKey 的密钥'],
  ["the header's vkey cannot be read: {a}", '文件头中的 vkey 无法读取：{a}'],
  ["its signed note does not hold under the log's key {a}: {b}", '其签名便笺在日志密钥 {a} 下不成立：{b}'],
  [
    "its signed note is for origin {a}, which is not community {b}'s (<log origin>/community/{c})",
    '其签名便笺属于来源 {a}，不是小区 {b} 的来源（<日志来源>/community/{c}）',
  ],
  ["its signed note is for origin {a}, not this log's {b}", '其签名便笺属于来源 {a}，而不是本日志的 {b}'],
  [
    'its signed note says {a} leaves with root {b}, the checkpoint {c} leaves with root {d}',
    '其签名便笺写的是 {a} 个叶子、根哈希 {b}，检查点写的却是 {c} 个叶子、根哈希 {d}',
  ],
  ['its signed note is not a checkpoint: {a}', '其签名便笺不是检查点：{a}'],
  // Checkpoints from elsewhere (other-checkpoints.ts, verify-bundles.ts).
  [
    'the checkpoint in {a} is not signed by key {b}, the key this bundle is checked with',
    '{a} 中的检查点不是由密钥 {b}（核验本数据包所用的密钥）签名的',
  ],
  ['the checkpoint in {a} does not hold: {*b}', '{a} 中的检查点不成立：{b}'],
  [
    'EQUIVOCATION: two checkpoints of community {a} at {b} leaves with different roots, both signed by key {c}: root {d} ({*e}) in {f}; root {g} (timestamp {h}) in this bundle',
    '一本日志两样账（EQUIVOCATION）：小区 {a} 在 {b} 个叶子处有两个根哈希不同的检查点，都由密钥 {c} 签名：{f} 中的根哈希 {d}（{e}）；本数据包中的根哈希 {g}（时间戳 {h}）',
  ],
  [
    'EQUIVOCATION: two checkpoints of community {a} that are not one history, both signed by key {b}: {c} leaves, root {d} ({*e}) in {f}; {g} leaves, root {h} (timestamp {i}) in this bundle, whose first {j} leaves give root {k}',
    '一本日志两样账（EQUIVOCATION）：小区 {a} 的两个检查点不是同一段历史，都由密钥 {b} 签名：{f} 中 {c} 个叶子、根哈希 {d}（{e}）；本数据包中 {g} 个叶子、根哈希 {h}（时间戳 {i}），而本数据包前 {j} 个叶子得出的根哈希是 {k}',
  ],
  ['timestamp {a}', '时间戳 {a}'],
  ['a C2SP note, untimed', 'C2SP 便笺，无时间'],
  [
    "the checkpoint of {a} leaves, root {b} ({*c}) in {d}, is not the root of this bundle's first {e} events ({f}), and no checkpoint of this bundle that holds covers them",
    '{d} 中 {a} 个叶子的检查点（根哈希 {b}，{c}）不是本数据包前 {e} 个事件的根哈希（{f}），而且本数据包中没有成立的检查点覆盖这些事件',
  ],
  [
    'the checkpoint of {a} leaves of {*b} in {c} was held against no bundle: {*d}',
    '{c} 中{b}的 {a} 个叶子的检查点没有与任何数据包比对：{d}',
  ],
  ['community {a}', '小区 {a} '],
  ['origin {a}', '来源 {a} '],
  ['no bundle of that community was given', '没有提供该小区的数据包'],
  ['no bundle of that origin was given', '没有提供该来源的数据包'],
  [
    'it is newer than every bundle of that community given (the largest holds {a} events); export the log again and verify the new bundle with it',
    '它比所提供的该小区数据包都新（最大的一个有 {a} 个事件）；请重新导出日志，并用它核验新的数据包',
  ],
  ['no bundle of that community given is signed by the pinned key', '所提供的该小区数据包都不是由指定密钥签名的'],
  // Votes and elections recounted (recount-at-close.ts, the checkers).
  [
    'the close commits to counted root {a} over {b} ballots, but the {c} live ballots among the {d} before it in this bundle give root {e}: the close does not count the ballots the log holds',
    '结束投票时承诺的计票根哈希是 {a}（{b} 张选票），但本数据包中此前 {d} 张选票里的 {c} 张有效选票得出的根哈希是 {e}：结束时所计的票不是日志中的选票',
  ],
  ['the {a} events before it do not allow this close: {*b}', '此前的 {a} 个事件不允许这样结束投票：{b}'],
  [
    'the close recorded a {*a} that the {b} events before it do not give: {*c}',
    '结束时记录的{a}与此前 {b} 个事件得出的不符：{c}',
  ],
  ['tally', '计票结果'],
  ['result', '选举结果'],
  ['the {a} events before it do not allow this ballot: {*b}', '此前的 {a} 个事件不允许这张选票：{b}'],
  [
    'cast again from what it records, this ballot comes out otherwise: {*a}',
    '按其记录的内容重新投一次，得出的选票不同：{a}',
  ],
  ['a {a}, not a {b}', '是 {a}，而不是 {b}'],
  [
    "the stream's events cannot be folded at this event ({*a}); nothing after it in the stream is re-derived",
    '该事件流在这个事件处无法累积（{a}）；此后该事件流的内容不再重新推算',
  ],
  ['{a} resolution(s) not closed yet: no tally to re-derive', '{a} 项表决尚未结束：没有计票结果可以重新推算'],
  ['{a} election(s) not closed yet: no result to re-derive', '{a} 次选举尚未结束：没有结果可以重新推算'],
  ['resolutions: {a} recounted ({*b})', '表决：重新计票 {a} 项（{b}）'],
  [
    'election "{a}": {*b}, {c} of {d} seats filled ({*e}), {f} unfilled',
    '选举“{a}”：{b}，{d} 个席位选出 {c} 个（{e}），{f} 个空缺',
  ],
  ['nobody', '无人'],
  ['… and {a} more elections', '… 另有 {a} 次选举'],
  ['votes decided by their bearers alone (rule 25): {a}', '只由费用承担方业主表决的事项（规则 25）：{a}'],
  ['committee in office: {a}, filed {b}', '在任业主委员会：{a}，备案于 {b}'],
  // The committee (committee-record.checker.ts).
  [
    "records {a} resigning {b}: a member resigns only themself; removal is an owners' vote",
    '记录了 {a} 让 {b} 辞职：委员只能本人辞职；罢免须经业主表决',
  ],
  [
    'removes {a} under resolution {b}, which the bundle never closes as a removal vote',
    '依据表决 {b} 罢免 {a}，但数据包中该表决从未作为罢免表决结束',
  ],
  ['removes {a} under resolution {b}, which the recount gives as {*c}', '依据表决 {b} 罢免 {a}，但重新计票的结果是{c}'],
  [
    'removes {a} under resolution {b}, which asked to remove {c} (close event {d}, recorded {e})',
    '依据表决 {b} 罢免 {a}，但该表决要罢免的是 {c}（结束事件 {d}，记录为 {e}）',
  ],
  [
    "files election {a} as a by-election, which the committee's record never holds as one",
    '把选举 {a} 作为补选备案，但业委会记录中从来没有这次补选',
  ],
  [
    'files by-election {a} into a committee other than the one whose seats it filled',
    '把补选 {a} 备案到另一个业委会，而不是它补缺的那一个',
  ],
  [
    "files by-election {a}'s {b} elected into a committee with {c} empty seats",
    '把补选 {a} 选出的 {b} 人备案到只有 {c} 个空缺席位的业委会',
  ],
  ['adds members the by-election did not elect: {*a}', '增加了补选没有选出的委员：{a}'],
  [
    'appoints a {a} at {b} while the committee filed {c} is in office until {d}: two governing bodies',
    '于 {b} 任命了 {a}，而 {c} 备案的业委会任期到 {d}：同时有两个管理机构',
  ],
  [
    "records election {a} as held, but the bundle's events never close that election",
    '记录选举 {a} 已举行，但数据包的事件中该选举从未结束',
  ],
  ['the record of election {a} cannot be decided again: {*b}', '选举 {a} 的记录无法重新判定：{b}'],
  ['records election {a} otherwise than its recounted result: {*b}', '对选举 {a} 的记录与重新计票的结果不符：{b}'],
  ['records election {a} a second time', '第二次记录选举 {a}'],
  [
    "files a committee from election {a}, which the committee's record never holds",
    '依据选举 {a} 备案业委会，但业委会记录中从来没有这次选举',
  ],
  [
    'files a committee from election {a}, which elected nobody ({*b})',
    '依据选举 {a} 备案业委会，但该选举没有选出任何人（{b}）',
  ],
  ['files a committee the election did not elect: {*a}', '备案的业委会不是选举选出的：{a}'],
  // Money (ledger-checker.ts, public-revenue, maintenance fund, statements, bearers).
  ['public revenue: {a} yuan after {b} entries', '公共收益：{b} 笔账目之后余额 {a} 元'],
  [
    'maintenance fund: {a} yuan in {b} unit sub-accounts, {c} yuan deposited',
    '专项维修资金：{b} 个分户账共 {a} 元，已缴存 {c} 元',
  ],
  [
    "statements: {a} published, each recomputed from its fund's entries",
    '财务公示：已公布 {a} 份，每份都按对应资金的账目重新算过',
  ],
  [
    'it reverses entry {a}, which the ledger does not hold; nothing after it in the stream is re-derived',
    '它冲销账目 {a}，但账上没有这笔账目；此后该事件流不再重新推算',
  ],
  [
    "it names resolution {a}, which the bundle's events never close: no recounted vote authorises it",
    '它引用表决 {a}，但数据包的事件中该表决从未结束：没有经过重新计票的表决授权它',
  ],
  [
    'it records resolution {a} as {*b}, but its ballots recount to {*c}',
    '它记录表决 {a} 的结果为{b}，但其选票重新计票的结果是{c}',
  ],
  [
    "it records the budget of resolution {a} as {b} yuan; the resolution's events say {c}",
    '它记录表决 {a} 的预算为 {b} 元；该表决的事件记载的是 {c} 元',
  ],
  ['its postings do not balance: debits and credits differ by {a} yuan', '其分录借贷不平衡：借贷相差 {a} 元'],
  [
    'the amounts it states move the {a} by {b} yuan, but its postings by {c} yuan: the balance no longer adds up ({d} yuan by the postings, {e} yuan by the amounts)',
    '按它声明的金额，{a}变动 {b} 元，但按其分录变动 {c} 元：余额对不上（按分录 {d} 元，按金额 {e} 元）',
  ],
  [
    "unit {a}'s sub-account moves by {b} yuan by the amounts it states, but by {c} yuan by its postings",
    '按它声明的金额，{a} 户的分户账变动 {b} 元，但按其分录变动 {c} 元',
  ],
  ['it reverses entry {a}, which entry {b} reversed already', '它冲销账目 {a}，但这笔账目已被账目 {b} 冲销'],
  ['it reverses entry {a}, which is itself a reversal', '它冲销账目 {a}，但这笔账目本身就是冲销'],
  ["its postings are not the reverse of entry {a}'s: {*b}", '其分录不是账目 {a} 分录的反向：{b}'],
  ['the vote behind it, as recounted, does not authorise it: {b}', '经重新计票，它所依据的表决并不授权它：{b}'],
  [
    'the covenant vote behind it, as recounted, had not yet authorised it: {b}',
    '经重新计票，它所依据的管理规约表决当时尚未授权它：{b}',
  ],
  [
    'the covenant vote behind it, as recounted, delegates no such spending: {b}',
    '经重新计票，它所依据的管理规约表决并未授权这样的支出：{b}',
  ],
  ['the covenant does not cover it: {b}', '管理规约不涵盖这笔支出：{b}'],
  ['it is a statement of {a}, which is no fund', '它是 {a} 的财务公示，但这不是任何一项资金'],
  [
    'it says it read the ledger through line {a}, but only {b} lines were booked before it',
    '它说账目读到第 {a} 行，但在它之前只记了 {b} 行',
  ],
  [
    'its figures for {a} to {b} are not what the {c} ledger lines before it give: {*d}',
    '它 {a} 至 {b} 的数字与此前 {c} 行账目得出的不符：{d}',
  ],
  [
    'sealed again from the register before it, this period comes out otherwise: {*a}',
    '按此前的登记重新封存，这一期的结果不同：{a}',
  ],
  [
    'its seal {a} is not the SHA-256 of the drafted content ({b}): the content was changed, or the seal is wrong',
    '其封印 {a} 不是草稿内容的 SHA-256（{b}）：内容被改动过，或封印有误',
  ],
  [
    "its public seal {a} is not the SHA-256 of the content's public copy ({b}) (DOMAIN.md rule 32)",
    '其公开封印 {a} 不是公开版本内容的 SHA-256（{b}）（DOMAIN.md 规则 32）',
  ],
  [
    'it freezes the whole community, but the budget names its bearers (units [{a}], buildings [{b}]), whose owners alone decide it (DOMAIN.md rule 25)',
    '它冻结了全小区的名册，但预算指明了费用承担方（单元 [{a}]，楼栋 [{b}]），只能由这些单元的业主表决（DOMAIN.md 规则 25）',
  ],
  ['it records other bearers than the budget names: {*a}', '它记录的费用承担方与预算指明的不同：{a}'],
  [
    'units {a}, which the budget charges, are not among the units its bearers came to',
    '预算向单元 {a} 收费，但这些单元不在费用承担方所涉的单元之中',
  ],
  [
    "voters {a} hold units outside the budget's bearers, yet were frozen as voters (DOMAIN.md rule 25)",
    '投票人 {a} 持有费用承担方以外的单元，却被列入了投票人名册（DOMAIN.md 规则 25）',
  ],
  [
    "it records {a} yuan spent under resolution {b}, but the ledger's entries add up to {c} yuan",
    '它记录依据表决 {b} 已支出 {a} 元，但账目合计是 {c} 元',
  ],
  [
    "it names resolution {a}, which the bundle's events never close: no recounted covenant delegates spending",
    '它引用表决 {a}，但数据包的事件中该表决从未结束：没有经过重新计票的管理规约授权支出',
  ],
  [
    'its caps are not the ones covenant vote {a} adopted (DOMAIN.md rule 27): {*b}',
    '其限额不是管理规约表决 {a} 通过的限额（DOMAIN.md 规则 27）：{b}',
  ],
  [
    "it records the maintenance fund otherwise than the fund's own entries give it here: {*a}",
    '它对专项维修资金的记录与该资金自身账目在此处得出的不符：{a}',
  ],
  [
    'it moves {a} yuan into the maintenance fund, but only {b} yuan was due to bring it back to 30% of its initial total (DOMAIN.md rule 22)',
    '它向专项维修资金转入 {a} 元，但要恢复到初始总额的 30% 只需 {b} 元（DOMAIN.md 规则 22）',
  ],
  [
    'it counts against the cap of {a}, but it was paid in {b} (Beijing time)',
    '它计入 {a} 年的限额，但实际是 {b} 年支付的（北京时间）',
  ],
  ['it records a delegation other than the one in force: {*a}', '它记录的授权不是现行有效的那一项：{a}'],
  [
    "it records {a} yuan spent under the covenant in {b}, but the ledger's entries add up to {c} yuan",
    '它记录 {b} 年依据管理规约已支出 {a} 元，但账目合计是 {c} 元',
  ],
  ['its total says {a} yuan, but its deposits add up to {b} yuan', '其总额写的是 {a} 元，但各笔缴存合计 {b} 元'],
  [
    'its shares are not {a} yuan apportioned by the areas it records: {*b}',
    '其分摊额不是按它记录的面积分摊 {a} 元的结果：{b}',
  ],
  [
    'it records the fund as not below 30% of its deposits, but after it the fund holds {a} of {b} yuan',
    '它记录资金不低于缴存额的 30%，但此后资金只有 {a} 元（缴存 {b} 元）',
  ],
  [
    'it records the fund as below 30% of its deposits, but after it the fund holds {a} of {b} yuan',
    '它记录资金低于缴存额的 30%，但此后资金有 {a} 元（缴存 {b} 元）',
  ],
  [
    'it charges other bearers than resolution {a} named, whose owners alone decided it (DOMAIN.md rule 25): {*b}',
    '它向表决 {a} 指明以外的费用承担方收费，而该事项只由指明的承担方业主决定（DOMAIN.md 规则 25）：{b}',
  ],
  // The command's own refusals (verify-command.ts): exit status 2.
  ['cannot read the checkpoint {a}: {*b}', '无法读取检查点文件 {a}：{b}'],
  ['cannot read the bundle from stdin: {b}', '无法读取标准输入中的数据包：{b}'],
  ['cannot read a bundle: {b}', '有一个数据包无法读取：{b}'],
  ['cannot read {a}: {*b}', '无法读取 {a}：{b}'],
  ['no such file', '没有这个文件'],
  ['permission denied', '没有读取权限'],
  ['it is a directory, not a bundle file', '这是一个目录，不是数据包文件'],
  ['it is not a regular file', '这不是普通文件'],
  ['--key / --witness: {b}', '--key / --witness：{b}'],
  ['{a} needs a value', '{a} 需要一个值'],
  ['pin one key: --key is given twice', '只能指定一个密钥：--key 给了两次'],
  ['--lang takes zh or en, not {a}', '--lang 只能是 zh 或 en，不能是 {a}'],
  ['--witnesses takes a whole number from 1, not {a}', '--witnesses 须是从 1 起的整数，不能是 {a}'],
  ['unknown option {a}', '未知选项 {a}'],
  ['name the bundle to check', '请给出要核验的数据包'],
  [
    'read one bundle from stdin, or several from files, not both',
    '要么从标准输入读一个数据包，要么从文件读若干个，不能两者同时',
  ],
  [
    '--witnesses {a} asks for more cosignatures than the {b} witness(es) named with --witness',
    '--witnesses {a} 要求的联署数多于 --witness 指定的 {b} 个见证方',
  ],
];

/** Words inside a finding: outcomes, and the differences between what was recorded and what was re-derived. */
const WORDS: [RegExp, string][] = [
  [/(?<=^|; )([^;]*?): recorded (.*?), re-derived (.*?)(?=; |$)/g, '$1：记录为 $2，重新推算为 $3'],
  [/; (?=[^;]*：记录为)/g, '；'],
  [/; and (\d+) more$/, '；另有 $1 处'],
  [/\bthe value：/g, '该值：'],
  [/(?<=记录为 |重新推算为 )nothing\b/g, '（无）'],
  [/(\d+) PASSED\b/g, '$1 项通过'],
  [/(\d+) REJECTED\b/g, '$1 项未通过'],
  [/(\d+) NO_QUORUM\b/g, '$1 项未达法定人数'],
  [/(?<=项[^,]*), (?=\d+ 项)/g, '，'],
  [/^PASSED$/, '通过'],
  [/^REJECTED$/, '未通过'],
  [/^NO_QUORUM$/, '未达法定人数'],
  [/^ELECTED$/, '已选出'],
  [/^NONE_ELECTED$/, '无人当选'],
  // An event named inside a finding, as describeEvent writes it.
  [/(\S+) revision (\d+), event (\S+) \(leaf (\d+)\)/g, '$1 第 $2 版，事件 $3（叶子 $4）'],
];

/** `gongzhi verify --help` in Chinese. */
const USAGE_ZH = `用法：gongzhi verify <数据包.ndjson>… --key 密钥 [--checkpoint 文件]… [--witness VKEY]… [--witnesses N] [--lang zh|en]
      gongzhi verify - --key 密钥    从标准输入读取一个数据包

在本机独立核验小区导出的数据包（GET /api/v1/communities/{cid}/export），不需要数据库，也不需要服务器：
每个事件的叶子哈希、每个检查点的 Ed25519 签名、每个检查点是否延续前一个（RFC 6962 一致性）并签署了事件
得出的根哈希，以及每项表决的计票、每次选举的结果和业委会记录、每笔账目和余额、每份财务公示，是否都是用
本系统自己的规则根据事件重新推算出来的结果。

  --key 密钥          日志的密钥，须从数据包以外的渠道得到：GET /log/public-key 的指纹（64 位十六进制）
                      或 vkey，或 PEM 公钥文件。不给出密钥则什么也不核验：报告写明“未指定密钥”，退出码为 1。
  --checkpoint 文件   以前保存的检查点（GET …/log/checkpoint 的原样内容）：数据包必须与它是同一段历史。
                      同一小区的多个数据包也互相比对；同一密钥对同一大小签了两个根哈希，即报告为
                      EQUIVOCATION（一本日志两样账）。
  --witness VKEY      街道办事处见证方的密钥（C2SP vkey）；可以给多个
  --witnesses N       覆盖全部事件的检查点至少要有几个指定见证方联署（默认：全部）
  --lang zh|en        报告用中文（简体）或英文；默认在系统语言（LC_ALL、LC_MESSAGES 或 LANG）以 zh 开头时
                      用中文，否则用英文

多个数据包（一个街道的）同时核验，每个在一个工作线程里，每个 CPU 核一个；每个数据包各有一份报告，
按命令行中的顺序列出，退出码取其中最差的。

先打印汇总表，再逐条列出问题及其涉及的事件（事件流、版本、事件 ID），最后说明确认了什么。
最后一个成立的检查点之后的事件没有签名覆盖：它们未经核验，用到它们推算的数字单独列出。
退出码：只有每个数据包的每个事件都在指定密钥签名（并按要求联署）的检查点之下、且一切成立时才为 0；
有问题或未指定密钥时为 1；数据包无法读取或命令用法有误时为 2。`;

const sayInChinese = sayerOf(FORMS, WORDS);

const CHECK_NAMES: Record<string, string> = {
  bundle: '数据包',
  'pinned key': '指定密钥',
  'leaf hashes': '叶子哈希',
  'log order': '日志顺序',
  community: '所属小区',
  'checkpoint signatures': '检查点签名',
  'checkpoint notes': '检查点签名便笺',
  'checkpoint consistency': '检查点一致性',
  'checkpoint roots': '检查点根哈希',
  'witness cosignatures': '见证方联署',
  'signed coverage': '签名覆盖',
  'other checkpoints': '其他检查点',
  'resolution tallies': '表决计票',
  'election results': '选举结果',
  'committee records': '业委会记录',
  'public revenue entries': '公共收益账目',
  'maintenance fund entries': '专项维修资金账目',
  statements: '财务公示',
};

/** The report in Chinese (简体中文), for the street office's clerk. */
export const REPORT_ZH: ReportStrings = {
  check: (name) => CHECK_NAMES[name] ?? name,
  community: (id, events, checkpoints) => `小区 ${id}：${events} 个事件，${checkpoints} 个检查点`,
  signedBy: (fingerprint, whose) => `检查点由密钥 SHA-256 ${fingerprint} 签名，${whose}`,
  signerPinned: '正是您指定的密钥',
  signerNotPinned: (pinned) => `不是您指定的密钥（${pinned}）`,
  signerOwn: '这个密钥是数据包自己声明的（未指定密钥）',
  table: { check: '检查项', checked: '已检查', result: '结果', ok: '通过', failed: (n) => `未通过（${n}）`, none: '-' },
  figuresPinned: '根据事件重新推算（全部在您指定的密钥签名的检查点之下）：',
  figuresOwn: '根据事件重新推算（依据数据包自带的密钥，未指定密钥：未经核验）：',
  figuresUncovered: (from, to) =>
    `以下推算用到了没有任何签名覆盖的事件（叶子 ${from} 至 ${to}）：未经核验，只用于查找问题：`,
  note: (text) => `说明：${text}`,
  verified: (p) =>
    `核验通过（您指定的密钥 ${p.pinnedKey}）：全部 ${p.events} 个事件都在其 ${p.treeSize} 个叶子的检查点之下` +
    `（根哈希 ${p.rootHash}，${p.timestamp}）；${p.signatures} 个检查点签名、${p.proofs} 个一致性证明、` +
    `${p.leaves} 个叶子哈希以及每一项重新推算的结果都成立`,
  noWitnessAsked: '；未要求见证方联署',
  cosignedBy: (by, required, named) => `；该检查点已由 ${by} 联署（要求指定见证方 ${named} 中的 ${required} 个）`,
  othersAgree: (n) => `；另有 ${n} 个来自别处的检查点与它是同一段历史`,
  notVerified: (problems) => `未通过核验：发现 ${problems} 个问题`,
  more: (n) => `  … 另有 ${n} 个问题`,
  established: (text) => `已确认：${text}`,
  nothingNotPinned: '没有：未指定密钥',
  ownKeyCoverage: (covered, events, fingerprint) =>
    `（${events} 个事件中有 ${covered} 个在数据包自带密钥 ${fingerprint} 的检查点之下，而这样的检查点任何人都能做出来）`,
  nothingUnderPinned: (pinnedKey, required) =>
    `没有：没有任何事件在您指定的密钥 ${pinnedKey} 签名${required ? `、并由 ${required} 个指定见证方联署` : ''}的检查点之下`,
  partly: (p) =>
    `${p.events} 个事件中的前 ${p.covered} 个在您指定的密钥 ${p.pinnedKey} 签名${p.cosignedBy === null ? '' : `、由 ${p.cosignedBy} 联署`}的 ${p.treeSize} 个叶子的检查点之下（根哈希 ${p.rootHash}，${p.timestamp}）；仅此而已，上面列出的问题依然存在`,
  where: {
    event: (streamId, revision, eventId, leafIndex) =>
      `${streamId} 第 ${revision} 版，事件 ${eventId}（叶子 ${leafIndex}）`,
    checkpoint: (treeSize) => `${treeSize} 个叶子的检查点`,
    line: (line) => `第 ${line} 行`,
    bundle: '数据包',
  },
  failure: (check, where, message) => `[${check}] ${where}：${message}`,
  allBundles: '全部数据包',
  savedCheckpoints: '保存的检查点',
  allVerified: (n, pinnedKey) =>
    `全部 ${n} 个数据包都已用您指定的密钥 ${pinnedKey} 核验通过，每个小区的各数据包是同一段历史`,
  bundlesNotVerified: (failed, unchecked) =>
    `未通过核验：${failed.length ? `${failed.join('、')} 未通过核验` : '每个数据包本身都成立'}${unchecked ? `；${unchecked} 个保存的检查点没有与任何数据包比对` : ''}`,
  say: sayInChinese,
  usage: USAGE_ZH,
};

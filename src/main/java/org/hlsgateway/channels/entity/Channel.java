package org.hlsgateway.channels.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hlsgateway.transcoding.entity.VideoMode;
import org.hlsgateway.transcoding.entity.AudioMode;
import org.hlsgateway.transcoding.entity.Packaging;
import org.hlsgateway.transcoding.entity.RtspTransport;
import org.hlsgateway.transcoding.entity.TranscodeSpec;

/** A live source the gateway turns into HLS on demand. */
@Entity
@Table(name = "HLS_CHANNEL")
@NamedQuery(name = Channel.ALL, query = "SELECT c FROM Channel c ORDER BY c.sortOrder, c.nickname")
@NamedQuery(name = Channel.BY_NICKNAME, query = "SELECT c FROM Channel c WHERE c.nickname = :nickname")
public class Channel {

    public static final String ALL = "Channel.all";
    public static final String BY_NICKNAME = "Channel.byNickname";

    @Id
    @SequenceGenerator(name = "channel_seq", sequenceName = "HLS_CHANNEL_SEQ", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "channel_seq")
    private Long id;

    @Version
    private long version;

    @Column(nullable = false, unique = true, length = 64)
    private String nickname;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(nullable = false, length = 2048)
    private String url;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private RtspTransport rtspTransport = RtspTransport.TCP;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private AudioMode audio = AudioMode.AAC;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private VideoMode video = VideoMode.COPY;

    /** Public channels play for anyone; protected ones need a login or a signed token. */
    @Column(name = "PUBLIC_ACCESS", columnDefinition = "BOOLEAN DEFAULT FALSE") // DEFAULT: older databases gain the column
    private boolean publicAccess;

    /** With video h264: output height in pixels (null keeps the source's) and bitrate in kbit/s (null: encoder default). */
    private Integer videoHeight;

    private Integer videoBitrate;

    /** LL-HLS from the gateway's packager or MPEG-TS from FFmpeg's; null (rows from before the setting) is the default. */
    @Enumerated(EnumType.STRING)
    @Column(length = 8)
    private Packaging packaging;

    /** IPTV metadata: group-title, tvg-logo, tvg-id and tvg-name in the M3U export. */
    @Column(name = "GROUP_TITLE", length = 100)
    private String groupTitle;

    @Column(length = 2048)
    private String logo;

    @Column(length = 100)
    private String tvgId;

    @Column(length = 200)
    private String tvgName;

    /** Position in lists and exports; ties are ordered by nickname. */
    @Column(name = "SORT_ORDER", columnDefinition = "INTEGER DEFAULT 0")
    private int sortOrder;

    @Column(nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    @PrePersist
    void onCreate() {
        createdAt = Instant.now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = Instant.now();
    }

    /** Copies every user-editable field from {@code other}. */
    public void copySettingsFrom(Channel other) {
        this.nickname = other.nickname;
        this.name = other.name;
        this.url = other.url;
        this.rtspTransport = other.rtspTransport;
        this.audio = other.audio;
        this.video = other.video;
        this.publicAccess = other.publicAccess;
        this.groupTitle = other.groupTitle;
        this.logo = other.logo;
        this.tvgId = other.tvgId;
        this.tvgName = other.tvgName;
        this.sortOrder = other.sortOrder;
        this.videoHeight = other.videoHeight;
        this.videoBitrate = other.videoBitrate;
        this.packaging = other.packaging;
    }

    public Long getId() {
        return id;
    }

    public String getNickname() {
        return nickname;
    }

    public void setNickname(String nickname) {
        this.nickname = nickname;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public RtspTransport getRtspTransport() {
        return rtspTransport;
    }

    public void setRtspTransport(RtspTransport rtspTransport) {
        this.rtspTransport = rtspTransport;
    }

    public AudioMode getAudio() {
        return audio;
    }

    public void setAudio(AudioMode audio) {
        this.audio = audio;
    }

    public VideoMode getVideo() {
        return video;
    }

    public void setVideo(VideoMode video) {
        this.video = video;
    }

    public boolean isPublicAccess() {
        return publicAccess;
    }

    public void setPublicAccess(boolean publicAccess) {
        this.publicAccess = publicAccess;
    }

    public Integer getVideoHeight() {
        return videoHeight;
    }

    public void setVideoHeight(Integer videoHeight) {
        this.videoHeight = videoHeight;
    }

    public Packaging getPackaging() {
        return packaging == null ? Packaging.DEFAULT : packaging;
    }

    public void setPackaging(Packaging packaging) {
        this.packaging = packaging;
    }

    public Integer getVideoBitrate() {
        return videoBitrate;
    }

    public void setVideoBitrate(Integer videoBitrate) {
        this.videoBitrate = videoBitrate;
    }

    public String getGroupTitle() {
        return groupTitle;
    }

    public void setGroupTitle(String groupTitle) {
        this.groupTitle = groupTitle;
    }

    public String getLogo() {
        return logo;
    }

    public void setLogo(String logo) {
        this.logo = logo;
    }

    public String getTvgId() {
        return tvgId;
    }

    public void setTvgId(String tvgId) {
        this.tvgId = tvgId;
    }

    public String getTvgName() {
        return tvgName;
    }

    public void setTvgName(String tvgName) {
        this.tvgName = tvgName;
    }

    public int getSortOrder() {
        return sortOrder;
    }

    public void setSortOrder(int sortOrder) {
        this.sortOrder = sortOrder;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** What this channel tells its transcoder: transcoding knows no channel, so the channel builds its snapshot. */
    public TranscodeSpec transcodeSpec() {
        return new TranscodeSpec(getNickname(), getUrl(), getRtspTransport(), getAudio(), getVideo(), isPublicAccess(),
                getVideoHeight(), getVideoBitrate(), getPackaging());
    }
}
